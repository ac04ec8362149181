package io.semisync.replica.archive;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The columns a search answers with, on the command line and on the admin endpoint ({@code SHOW BINLOG ARCHIVE}). */
public final class ArchivedFileTable
{
    /** Column names, in order. */
    public static final List<String> COLUMNS = List.of("Log_name", "Transactions", "First_transaction_time", "Last_transaction_time",
        "Relay_log_first_index", "Relay_log_last_index", "Relay_log_first_file", "Relay_log_last_file");

    private static final Set<String> NUMBERS = Set.of("Transactions", "Relay_log_first_index", "Relay_log_last_index");

    private ArchivedFileTable()
    {
    }

    /** Whether the column holds numbers (the others hold text). */
    public static boolean isNumber(final String column)
    {
        return NUMBERS.contains(column);
    }

    /** The row of {@code file}, as text, {@code null} for a time a file without transactions does not have. */
    public static List<String> row(final ArchivedFile file)
    {
        return Arrays.asList(file.name(), String.valueOf(file.transactions()),
            file.firstTransaction() == null ? null : file.firstTransaction().toString(),
            file.lastTransaction() == null ? null : file.lastTransaction().toString(),
            String.valueOf(file.firstIndex()), String.valueOf(file.lastIndex()), file.firstRelayLogFile(), file.lastRelayLogFile());
    }
}
