package io.semisync.benchmarks.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A class-data sharing archive (AppCDS, the JVM's dynamic archive) of one build of our replica: the classes it loaded
 * from its start through a catch-up, written when a training turn's JVM exits ({@code -XX:ArchiveClassesAtExit}) and
 * mapped by the JVMs of the measured turns ({@code -XX:SharedArchiveFile}) instead of each class being read from the
 * jars, parsed and verified again. An archive holds only for the jar and the JVM that made it, so every run makes its
 * own.
 */
final class ClassDataArchive
{
    private final Path file;

    private ClassDataArchive(final Path file)
    {
        this.file = file;
    }

    /** The archive {@code name.jsa} in {@code directory}; one left by an earlier run is removed. */
    static ClassDataArchive in(final Path directory, final String name)
    {
        final Path file = directory.resolve(name + ".jsa").toAbsolutePath();
        Directories.deleteRecursively(file);
        return new ClassDataArchive(file);
    }

    /** The flag of the training turn, whose JVM writes the archive as it exits. */
    List<String> writingFlags()
    {
        return List.of("-XX:ArchiveClassesAtExit=" + file);
    }

    /** The flag of a measured turn; throws if the training turn wrote no archive. */
    List<String> usingFlags()
    {
        if (!Files.isRegularFile(file))
        {
            throw new IllegalStateException("the training turn of our replica wrote no class-data archive " + file
                + ": see its .out and .err in " + CatchUpSettings.WORK_DIRECTORY);
        }
        return List.of("-XX:SharedArchiveFile=" + file);
    }
}
