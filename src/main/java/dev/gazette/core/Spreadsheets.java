package dev.gazette.core;

/** CSV cells that are safe to open in a spreadsheet. */
public final class Spreadsheets {

    private Spreadsheets() {
    }

    /**
     * Text someone typed (a name, a title) must not run as a formula when the file is opened in a
     * spreadsheet: a cell that would start a formula is quoted with a leading apostrophe.
     */
    public static String safeCell(String value) {
        if (value != null && !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            return "'" + value;
        }
        return value;
    }

    /**
     * A cell as it was before {@link #safeCell} quoted it: Gazette's own export read back in gets
     * its values, not the apostrophe.
     */
    public static String unguarded(String cell) {
        if (cell != null && cell.length() > 1 && cell.charAt(0) == '\'' && "=+-@\t\r".indexOf(cell.charAt(1)) >= 0) {
            return cell.substring(1);
        }
        return cell;
    }
}
