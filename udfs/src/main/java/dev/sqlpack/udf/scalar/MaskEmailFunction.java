package dev.sqlpack.udf.scalar;

import dev.sqlpack.udf.FunctionDoc;
import dev.sqlpack.udf.Malformed;
import dev.sqlpack.udf.Text;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ScalarFunction;

/** An email address masked to the first character of its local part. */
@FunctionDoc(
        signature = "MASK_EMAIL(email STRING) -> STRING",
        description = "The address with its local part reduced to its first character and `***` (a whole character: an emoji or an accented letter written with a combining mark is kept whole, never cut in half); the domain stays, so masked data can still be grouped by domain.",
        nullRule = "NULL if the argument is NULL. A string without exactly one `@` between a non-empty local part and domain gives NULL and counts as malformed.",
        example = "SELECT MASK_EMAIL('alice.smith@example.com') AS masked",
        exampleResult = "a***@example.com")
public class MaskEmailFunction extends ScalarFunction {
    private final Malformed malformed = new Malformed();

    @Override
    public void open(FunctionContext context) {
        malformed.open(context, this);
    }

    public String eval(String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        if (at <= 0 || at != email.lastIndexOf('@') || at == email.length() - 1) {
            malformed.inc();
            return null;
        }
        return Text.firstCharacter(email) + "***" + email.substring(at);
    }
}
