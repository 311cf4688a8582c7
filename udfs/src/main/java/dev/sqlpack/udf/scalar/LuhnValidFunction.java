package dev.sqlpack.udf.scalar;

import dev.sqlpack.udf.FunctionDoc;
import dev.sqlpack.udf.Malformed;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ScalarFunction;

/** The Luhn (mod 10) check of a card number. */
@FunctionDoc(
        signature = "LUHN_VALID(pan STRING) -> BOOLEAN",
        description = "TRUE when the digits pass the Luhn (mod 10) check that card numbers carry; FALSE for a single digit. Spaces and dashes are ignored.",
        nullRule = "NULL if the argument is NULL. Characters other than digits, spaces and dashes give NULL and count as malformed.",
        example = "SELECT LUHN_VALID('4111 1111 1111 1111') AS good, LUHN_VALID('4111111111111112') AS bad",
        exampleResult = "true | false")
public class LuhnValidFunction extends ScalarFunction {
    private final Malformed malformed = new Malformed();

    @Override
    public void open(FunctionContext context) {
        malformed.open(context, this);
    }

    public Boolean eval(String pan) {
        if (pan == null) {
            return null;
        }
        String d = Pan.digits(pan);
        if (d == null) {
            malformed.inc();
            return null;
        }
        if (d.length() < 2) {
            return false;
        }
        int sum = 0;
        boolean twice = false;
        for (int i = d.length() - 1; i >= 0; i--) {
            int v = d.charAt(i) - '0';
            if (twice) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
