package dev.sqlpack.udf.scalar;

/** Card numbers: digits with optional spaces or dashes between them. */
final class Pan {
    private Pan() {}

    /** The digits, or null when the text holds anything but digits, spaces and dashes, or no digit. */
    static String digits(String pan) {
        StringBuilder d = new StringBuilder(pan.length());
        for (int i = 0; i < pan.length(); i++) {
            char c = pan.charAt(i);
            if (c >= '0' && c <= '9') {
                d.append(c);
            } else if (c != ' ' && c != '-') {
                return null;
            }
        }
        return d.length() == 0 ? null : d.toString();
    }
}
