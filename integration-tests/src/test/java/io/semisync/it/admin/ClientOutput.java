package io.semisync.it.admin;

import io.semisync.it.server.ClientRun;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one run of a command-line client printed in batch mode: tab-separated rows under a header line.
 *
 * @param statements what ran, for messages
 * @param run        the client's exit code and output
 */
record ClientOutput(String statements, ClientRun run)
{
    /** Asserts that every statement succeeded. */
    ClientOutput assertOk()
    {
        assertThat(run.exitCode()).as("exit code of %s; stderr: %s", statements, run.stderr()).isZero();
        return this;
    }

    /** Asserts that the client stopped at an error with MySQL's number and this text, as the mysql client prints it. */
    ClientOutput assertError(final int code, final String message)
    {
        assertThat(run.exitCode()).as("exit code of %s; stdout: %s", statements, run.stdout()).isNotZero();
        assertThat(run.errors()).as("errors of %s", statements).containsPattern("ERROR " + code + " \\(\\w{5}\\)").contains(message);
        return this;
    }

    /** The rows of the last result, without its header line; a NULL is "NULL". */
    List<List<String>> rows()
    {
        final List<String> lines = assertOk().run.stdout().lines().toList();
        return lines.subList(Math.min(1, lines.size()), lines.size()).stream().map(line -> Arrays.asList(line.split("\t", -1))).toList();
    }

    /** The one row of a result, by column name. */
    Map<String, String> single()
    {
        final List<String> lines = assertOk().run.stdout().lines().toList();
        assertThat(lines).as("header and one row from %s", statements).hasSize(2);
        final String[] names = lines.get(0).split("\t", -1);
        final String[] values = lines.get(1).split("\t", -1);
        final Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++)
        {
            row.put(names[i], values[i]);
        }
        return row;
    }

    /** The rows of a two-column result (SHOW VARIABLES, SHOW STATUS) by their first column. */
    Map<String, String> nameValues()
    {
        return rows().stream().collect(Collectors.toMap(row -> row.get(0), row -> row.get(1)));
    }
}
