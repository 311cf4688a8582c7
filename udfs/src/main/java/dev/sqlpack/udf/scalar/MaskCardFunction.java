package dev.sqlpack.udf.scalar;

import dev.sqlpack.udf.FunctionDoc;
import dev.sqlpack.udf.Malformed;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ScalarFunction;

/** A card number masked to its last four digits. */
@FunctionDoc(
        signature = "MASK_CARD(pan STRING) -> STRING",
        description = "The card number with every digit but the last four replaced by `*` (spaces and dashes dropped): the last four is all PCI DSS lets you show without a need to know.",
        nullRule = "NULL if the argument is NULL. Anything but 12 to 19 digits (with optional spaces or dashes) gives NULL and counts as malformed.",
        example = "SELECT MASK_CARD('4111 1111 1111 1111') AS masked",
        exampleResult = "************1111")
public class MaskCardFunction extends ScalarFunction {
    private final Malformed malformed = new Malformed();

    @Override
    public void open(FunctionContext context) {
        malformed.open(context, this);
    }

    public String eval(String pan) {
        if (pan == null) {
            return null;
        }
        String d = Pan.digits(pan);
        if (d == null || d.length() < 12 || d.length() > 19) {
            malformed.inc();
            return null;
        }
        return "*".repeat(d.length() - 4) + d.substring(d.length() - 4);
    }
}
