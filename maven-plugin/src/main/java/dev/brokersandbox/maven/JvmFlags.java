package dev.brokersandbox.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The test JVM's flags: what the plugin adds to an {@code argLine}, and what it leaves to the user's own. */
final class JvmFlags {

    static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    private static final Pattern USER_COMPILER = Pattern.compile("TieredStopAtLevel|[-+]TieredCompilation");
    private static final Pattern USER_CDS =
            Pattern.compile("-Xshare:|SharedArchiveFile|ArchiveClassesAtExit|AutoCreateSharedArchive|[-+]UseSharedSpaces");

    private JvmFlags() {
    }

    /** Whether the user's argLine already chose the JIT compilers: the plugin then adds none. */
    static boolean userChoseCompiler(String argLine) {
        return argLine != null && USER_COMPILER.matcher(argLine).find();
    }

    /** Whether the user's argLine already chose class data sharing: the plugin then adds no archive. */
    static boolean userChoseCds(String argLine) {
        return argLine != null && USER_CDS.matcher(argLine).find();
    }

    /**
     * {@code argLine} (null or blank for none) followed by C1 only and the archive, each unless null
     * or false; a path with white space is quoted, as Surefire splits an argLine at white space.
     */
    static String append(String argLine, boolean c1Only, Path archive) {
        List<String> flags = new ArrayList<>();
        if (argLine != null && !argLine.isBlank()) {
            flags.add(argLine.strip());
        }
        if (c1Only) {
            flags.add(C1_ONLY);
        }
        if (archive != null) {
            flags.add(quoted("-XX:SharedArchiveFile=" + archive.toAbsolutePath()));
        }
        return String.join(" ", flags);
    }

    private static String quoted(String flag) {
        return flag.chars().anyMatch(Character::isWhitespace) ? '"' + flag + '"' : flag;
    }
}
