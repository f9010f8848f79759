package se.karta.identifiers;

/** The Luhn (mod 10) check used by Swedish personnummer and organisationsnummer. */
public final class Luhn {

    private Luhn() {
    }

    /** True when {@code digits} (ASCII digits only) ends with a valid Luhn check digit. */
    public static boolean isValid(String digits) {
        if (digits == null || digits.isEmpty() || !digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return false;
        }
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }
}
