package dev.brokersandbox.samples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Markdown guide whose code blocks are copies of tagged regions of the samples, and says
 * where a copy drifted from its source. A block is marked by the line before it,
 * {@code <!-- snippet: samples/src/test/java/.../TopicExchangeSample.java#topic-bindings -->} (the
 * path from the repository's root), and the source marks the region with
 * {@code // tag::topic-bindings[]} ... {@code // end::topic-bindings[]} ({@code #} in Python). The
 * block must equal the region with its common indentation removed and any tag lines inside left out.
 */
final class GuideSnippets {

    private static final Pattern MARKER = Pattern.compile("^<!--\\s*snippet:\\s*(\\S+)#([\\w-]+)\\s*-->\\s*$");
    private static final Pattern TAG_LINE = Pattern.compile("^\\s*(?://|#)\\s*(tag|end)::([\\w-]+)\\[\\]\\s*$");
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Set<String> CHECKED_LANGUAGES = Set.of("java", "python", "py");

    /** A fenced block of the guide, with the marker before it, if any; line numbers count from 1. */
    record Block(int line, String language, List<String> lines, String source, String tag) {
        boolean marked() {
            return source != null;
        }
    }

    private final String guideName;
    private final List<String> guide;
    private final List<Block> blocks = new ArrayList<>();
    private final List<String> layoutProblems = new ArrayList<>();

    GuideSnippets(String guideName, String guideText) {
        this.guideName = guideName;
        this.guide = guideText.lines().toList();
        parse();
    }

    List<Block> blocks() {
        return blocks;
    }

    /**
     * For every marked block: its source must exist, hold the tag once, and the region must equal
     * the block. {@code readSource} returns a file's text by its path from the repository's root,
     * or null if there is no such file. Also reports markers that are not followed by a block.
     */
    List<String> snippetProblems(Function<String, String> readSource) {
        List<String> problems = new ArrayList<>(layoutProblems);
        for (Block block : blocks) {
            if (!block.marked()) {
                continue;
            }
            String where = "%s:%d: the %s block marked %s#%s".formatted(guideName, block.line(), block.language(),
                    block.source(), block.tag());
            String text = readSource.apply(block.source());
            if (text == null) {
                problems.add(where + " names a file that does not exist. Fix the path in the marker "
                        + "(it is relative to the repository's root, e.g. samples/src/test/java/...).");
                continue;
            }
            String expectedLanguage = block.source().endsWith(".py") ? "python" : block.source().endsWith(".java") ? "java" : null;
            if (expectedLanguage != null && !expectedLanguage.equals(block.language())
                    && !(expectedLanguage.equals("python") && block.language().equals("py"))) {
                problems.add(where + " is fenced as '" + block.language() + "' but its source is " + expectedLanguage
                        + ". Fence it as ```" + expectedLanguage + ".");
            }
            List<String> region;
            try {
                region = region(text, block.tag());
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
                continue;
            }
            String difference = firstDifference(block.lines(), region);
            if (difference != null) {
                problems.add(where + " differs from that region of the source: " + difference
                        + ". Copy the region again: the lines between tag::" + block.tag() + "[] and end::"
                        + block.tag() + "[] in " + block.source() + ", common indentation removed.");
            }
        }
        return problems;
    }

    /** Every java or python block must be marked: nothing un-checked slips into the guide. */
    List<String> unmarkedCodeBlocks() {
        List<String> problems = new ArrayList<>();
        for (Block block : blocks) {
            if (!block.marked() && CHECKED_LANGUAGES.contains(block.language())) {
                problems.add("%s:%d: a %s block without a snippet marker. Code in the guide must come from a compiled sample: "
                        .formatted(guideName, block.line(), block.language())
                        + "tag the region in its source (// tag::name[] ... // end::name[], # in Python) and put "
                        + "<!-- snippet: path/from/repository/root#name --> on the line before the block.");
            }
        }
        return problems;
    }

    /**
     * Every Markdown link outside code blocks that is not a URL or an anchor must name an existing
     * file or directory, resolved against {@code guideDir} and inside {@code repoRoot}.
     */
    List<String> brokenLinks(Path guideDir, Path repoRoot) {
        List<String> problems = new ArrayList<>();
        boolean inBlock = false;
        for (int i = 0; i < guide.size(); i++) {
            String line = guide.get(i);
            if (line.strip().startsWith("```")) {
                inBlock = !inBlock;
                continue;
            }
            if (inBlock) {
                continue;
            }
            Matcher link = LINK.matcher(line);
            while (link.find()) {
                String target = link.group(1);
                if (target.startsWith("#") || target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue;
                }
                String file = target.replaceFirst("#.*$", "");
                Path resolved = guideDir.resolve(file).normalize();
                if (!resolved.startsWith(repoRoot.normalize()) || !Files.exists(resolved)) {
                    problems.add("%s:%d: the link to %s names no file of the repository (resolved to %s). "
                            .formatted(guideName, i + 1, target, resolved)
                            + "Fix the link: it is relative to the guide's directory.");
                }
            }
        }
        return problems;
    }

    /** The lines between {@code tag::name[]} and {@code end::name[]}, tag lines left out, common indentation removed. */
    static List<String> region(String source, String tag) {
        List<String> lines = source.lines().toList();
        int start = -1;
        int end = -1;
        Set<String> tags = new TreeSet<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = TAG_LINE.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            if (m.group(1).equals("tag")) {
                tags.add(m.group(2));
            }
            if (m.group(2).equals(tag)) {
                if (m.group(1).equals("tag")) {
                    if (start >= 0) {
                        throw new IllegalArgumentException("the source has tag::" + tag + "[] twice. Rename one of them.");
                    }
                    start = i;
                } else if (start >= 0 && end < 0) {
                    end = i;
                }
            }
        }
        if (start < 0) {
            throw new IllegalArgumentException("the source has no tag::" + tag + "[] (its tags: " + tags
                    + "). Fix the tag in the marker, or tag the region in the source.");
        }
        if (end < 0) {
            throw new IllegalArgumentException("the source has tag::" + tag + "[] but no end::" + tag
                    + "[] after it. Close the region in the source.");
        }
        List<String> region = lines.subList(start + 1, end).stream()
                .filter(line -> !TAG_LINE.matcher(line).matches())
                .map(String::stripTrailing)
                .toList();
        int indent = region.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        return region.stream().map(line -> line.isBlank() ? "" : line.substring(indent)).toList();
    }

    private static String firstDifference(List<String> guideLines, List<String> sourceLines) {
        List<String> block = guideLines.stream().map(String::stripTrailing).toList();
        for (int i = 0; i < Math.max(block.size(), sourceLines.size()); i++) {
            String inGuide = i < block.size() ? "`" + block.get(i) + "`" : "nothing (the block ends)";
            String inSource = i < sourceLines.size() ? "`" + sourceLines.get(i) + "`" : "nothing (the region ends)";
            if (i >= block.size() || i >= sourceLines.size() || !block.get(i).equals(sourceLines.get(i))) {
                return "at line %d of the block, the guide has %s where the source has %s".formatted(i + 1, inGuide, inSource);
            }
        }
        return null;
    }

    private void parse() {
        String source = null;
        String tag = null;
        int markerLine = 0;
        for (int i = 0; i < guide.size(); i++) {
            String line = guide.get(i);
            if (line.strip().startsWith("<!--") && line.contains("snippet:")) {
                Matcher marker = MARKER.matcher(line.strip());
                if (!marker.matches()) {
                    layoutProblems.add("%s:%d: a snippet marker the check cannot read: %s. Write it as <!-- snippet: path/from/repository/root#tag -->."
                            .formatted(guideName, i + 1, line.strip()));
                    continue;
                }
                if (source != null) {
                    layoutProblems.add(notFollowedByABlock(markerLine, source, tag));
                }
                source = marker.group(1);
                tag = marker.group(2);
                markerLine = i + 1;
            } else if (line.strip().startsWith("```")) {
                String language = line.strip().substring(3).strip();
                int opening = i;
                List<String> content = new ArrayList<>();
                for (i++; i < guide.size() && !guide.get(i).strip().equals("```"); i++) {
                    content.add(guide.get(i));
                }
                if (i >= guide.size()) {
                    layoutProblems.add("%s:%d: a code block that is never closed. Close it with ```.".formatted(guideName, opening + 1));
                }
                blocks.add(new Block(opening + 1, language, content, source, tag));
                source = null;
                tag = null;
            } else if (!line.isBlank() && source != null) {
                layoutProblems.add(notFollowedByABlock(markerLine, source, tag));
                source = null;
                tag = null;
            }
        }
        if (source != null) {
            layoutProblems.add(notFollowedByABlock(markerLine, source, tag));
        }
    }

    private String notFollowedByABlock(int markerLine, String source, String tag) {
        return "%s:%d: the snippet marker %s#%s is not followed by a code block. Put the block right after it, or remove the marker."
                .formatted(guideName, markerLine, source, tag);
    }
}
