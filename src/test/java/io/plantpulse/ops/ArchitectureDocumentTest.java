package io.plantpulse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The architecture document (docs/architecture.zh-CN.md) and its English twin
 * (docs/architecture.md) as issue 17 rules them: the specification's headings in order, 6,000 to
 * 8,000 characters in the Chinese one, Mermaid diagrams and the project's own images, and no figure
 * that the file it cites does not contain. A figure is a number with a unit (ms, %, records/s,
 * clients, 秒, 个会话...); a paragraph, list item or table (with the paragraph before it) cites its
 * sources as Markdown links to them. Test counts cite {@code ../src/test}, and are counted here
 * from the sources.
 */
class ArchitectureDocumentTest {

  private static final Path DOCS = Path.of("docs");
  private static final Path ZH = DOCS.resolve("architecture.zh-CN.md");
  private static final Path EN = DOCS.resolve("architecture.md");

  private static final List<String> ZH_HEADINGS =
      List.of(
          "第一部分：技术亮点展示",
          "1. 项目技术亮点",
          "2. 技术选型与架构设计",
          "3. 核心架构设计",
          "第二部分：核心实现展示",
          "4. 开发实施计划",
          "5. 核心代码架构设计",
          "6. 技术特性演示",
          "第三部分：运维与部署",
          "7. Docker容器化",
          "8. 基础监控",
          "第四部分：项目成果",
          "9. 功能演示与测试",
          "10. GitHub展示要点",
          "技术总结",
          "架构总结",
          "实施清单",
          "下一步");

  private static final List<String> EN_HEADINGS =
      List.of(
          "Part 1: Technical highlights",
          "1. Project highlights",
          "2. Technology choices and architecture",
          "3. Core architecture",
          "Part 2: Core implementation",
          "4. Implementation plan",
          "5. Code architecture",
          "6. Features in action",
          "Part 3: Operations and deployment",
          "7. Docker",
          "8. Monitoring",
          "Part 4: Results",
          "9. Demonstration and tests",
          "10. What the GitHub page shows",
          "Technologies",
          "Architecture summary",
          "Implementation checklist",
          "Next steps");

  /** A number, not part of a version, date, time, identifier or step number, and its unit. */
  private static final Pattern FIGURE =
      Pattern.compile(
          "(?<![\\w.:/\\-#^])(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?(?![\\d.:\\-]\\d|\\w*\\.\\w)"
              + "\\s?(ms|µs|us|s|min|minutes|seconds|%|KB|MB|GB|KiB|MiB|x|×|records/s|/s|clients"
              + "|sessions|threads|updates|restarts|resumes|records|batches|frames|classes|stops|tests|runs"
              + "|秒|毫秒|分钟|条/秒|条|类"
              + "|个客户端|客户端|个会话|会话|个线程|次|个测试|个测试类|个)(?![A-Za-z])");

  private static final Pattern TEST_ANNOTATION =
      Pattern.compile("(?m)^\\s*@(Test|ParameterizedTest|RepeatedTest)\\b");

  private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(?:#[^)]*)?\\)");

  @Test
  void shouldFollowTheSpecificationsHeadingsInOrder() throws IOException {
    assertHeadingsInOrder(ZH, ZH_HEADINGS);
    assertHeadingsInOrder(EN, EN_HEADINGS);
  }

  @Test
  void shouldBeSixToEightThousandCharactersInChinese() throws IOException {
    long count = characters(Files.readString(ZH));
    assertTrue(count >= 6_000 && count <= 8_000, "architecture.zh-CN.md has " + count + " 字");
  }

  @Test
  void shouldGiveEachPartItsShare() throws IOException {
    // Parts 1-4 take about 35, 45, 10 and 10% of the text (the end matter is outside them).
    List<Long> shares = partCharacters(Files.readString(ZH), ZH_HEADINGS);
    long total = shares.stream().mapToLong(Long::longValue).sum();
    int[] target = {35, 45, 10, 10};
    for (int i = 0; i < target.length; i++) {
      double share = 100.0 * shares.get(i) / total;
      assertTrue(
          Math.abs(share - target[i]) <= 12,
          "part " + (i + 1) + " is " + Math.round(share) + "% of the text, not about " + target[i]);
    }
  }

  @Test
  void shouldCiteASourceThatHoldsEveryFigure() throws IOException {
    for (Path doc : List.of(ZH, EN)) {
      List<String> problems = new ArrayList<>();
      for (Block block : blocks(Files.readString(doc))) {
        List<String> figures = figures(block.text());
        if (figures.isEmpty()) {
          continue;
        }
        if (block.sources().isEmpty()) {
          problems.add("no source cited for " + figures + " in: " + clip(block.text()));
          continue;
        }
        String sources = sourceText(block.sources());
        for (String figure : figures) {
          if (!appears(figure, sources)) {
            problems.add(figure + " is not in " + block.sources() + ": " + clip(block.text()));
          }
        }
      }
      assertEquals(List.of(), problems, doc.toString());
    }
  }

  @Test
  void shouldStateTheSameFiguresInBothLanguages() throws IOException {
    Set<String> zh = new TreeSet<>(figures(Files.readString(ZH)));
    Set<String> en = new TreeSet<>(figures(Files.readString(EN)));
    Set<String> onlyZh = new TreeSet<>(zh);
    onlyZh.removeAll(en);
    Set<String> onlyEn = new TreeSet<>(en);
    onlyEn.removeAll(zh);
    assertEquals(List.of(), new ArrayList<>(onlyZh), "figures only in the Chinese version");
    assertEquals(List.of(), new ArrayList<>(onlyEn), "figures only in the English version");
  }

  @Test
  void shouldDrawInMermaidAndShowOnlyTheProjectsOwnImages() throws IOException {
    for (Path doc : List.of(ZH, EN)) {
      String text = Files.readString(doc);
      assertTrue(count(text, "```mermaid") >= 3, doc + ": architecture, data flow, deployment");
      List<String> images = images(text);
      for (String target : images) {
        assertTrue(target.startsWith("images/"), doc + ": " + target + " is not under docs/images");
        assertTrue(Files.isRegularFile(DOCS.resolve(target)), doc + ": " + target + " is missing");
      }
      assertTrue(images.size() >= 4, doc + " shows " + images.size() + " images");
      assertTrue(text.contains("images/overview-live.gif"), doc + ": the live GIF");
    }
    assertEquals(
        images(Files.readString(ZH)).size(),
        images(Files.readString(EN)).size(),
        "both versions show as many images");
  }

  @Test
  void shouldBeLinkedFromTheTopOfTheReadme() throws IOException {
    String top = String.join("\n", Files.readAllLines(Path.of("README.md")).subList(0, 12));
    assertTrue(top.contains("(docs/architecture.md)"), "README links the English version");
    assertTrue(top.contains("(docs/architecture.zh-CN.md)"), "README links the Chinese version");
  }

  /** 字 as a Chinese word count has them: each Han character and CJK punctuation mark, each word. */
  static long characters(String markdown) {
    String text =
        withoutCode(markdown)
            .replaceAll("(?m)^\\|?\\s*:?-{3,}.*$", "")
            .replaceAll("\\]\\([^)]*\\)", "]")
            .replaceAll("[|#*`>\\[\\]!]", " ");
    long han = text.codePoints().filter(ArchitectureDocumentTest::isCjk).count();
    Matcher word = Pattern.compile("[A-Za-z0-9]+(?:[.,_'/@:+\\-][A-Za-z0-9]+)*").matcher(text);
    long words = 0;
    while (word.find()) {
      words++;
    }
    return han + words;
  }

  private static boolean isCjk(int c) {
    Character.UnicodeBlock b = Character.UnicodeBlock.of(c);
    return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
        || b == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
        || b == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS;
  }

  private static List<Long> partCharacters(String markdown, List<String> headings) {
    // Parts 1-4 start at headings 0, 4, 8 and 11; the end matter at 14.
    List<Integer> starts = new ArrayList<>();
    for (int heading : new int[] {0, 4, 8, 11, 14}) {
      starts.add(headingAt(markdown, headings.get(heading)));
    }
    List<Long> counts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      counts.add(characters(markdown.substring(starts.get(i), starts.get(i + 1))));
    }
    return counts;
  }

  private static int headingAt(String markdown, String heading) {
    Matcher m = heading(heading).matcher(markdown);
    assertTrue(m.find(), "no heading " + heading);
    return m.start();
  }

  private static Pattern heading(String text) {
    return Pattern.compile("(?m)^#+ .*" + Pattern.quote(text));
  }

  private static void assertHeadingsInOrder(Path doc, List<String> expected) throws IOException {
    String text = Files.readString(doc);
    int from = 0;
    for (String heading : expected) {
      Matcher m = heading(heading).matcher(text);
      assertTrue(m.find(from), doc + ": no heading '" + heading + "' after the one before it");
      from = m.end();
    }
  }

  private record Block(String text, Set<String> sources) {}

  /** Paragraphs, list items and tables (each with the paragraph just before it), code left out. */
  private static List<Block> blocks(String markdown) {
    List<String> chunks = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean inTable = false;
    String previousParagraph = "";
    for (String line : withoutCode(markdown).split("\n", -1)) {
      boolean tableLine = line.startsWith("|");
      boolean item = line.matches("\\s*(?:[-*]|\\d+\\.)\\s.*");
      boolean boundary = line.isBlank() || line.startsWith("#") || item || tableLine != inTable;
      if (boundary && current.length() > 0) {
        chunks.add((inTable ? previousParagraph + "\n" : "") + current);
        if (!inTable) {
          previousParagraph = current.toString();
        }
        current.setLength(0);
      }
      inTable = tableLine;
      if (!line.isBlank() && !line.startsWith("#")) {
        current.append(line).append('\n');
      }
    }
    if (current.length() > 0) {
      chunks.add((inTable ? previousParagraph + "\n" : "") + current);
    }
    List<Block> blocks = new ArrayList<>();
    for (String chunk : chunks) {
      Set<String> sources = new LinkedHashSet<>();
      Matcher link = LINK.matcher(chunk);
      while (link.find()) {
        String target = link.group(1);
        if (target.endsWith(".md") || target.equals("../src/test")) {
          sources.add(target);
        }
      }
      blocks.add(new Block(chunk, sources));
    }
    return blocks;
  }

  private static String withoutCode(String markdown) {
    return markdown.replaceAll("(?s)```.*?```", "");
  }

  /** The figures of a text, as their numbers with the thousands separators taken out. */
  private static List<String> figures(String text) {
    List<String> figures = new ArrayList<>();
    Matcher m = FIGURE.matcher(withoutCode(text).replaceAll("\\]\\([^)]*\\)", "]"));
    while (m.find()) {
      figures.add(m.group(1).replace(",", "") + (m.group(2) == null ? "" : m.group(2)));
    }
    return figures;
  }

  private static boolean appears(String figure, String sources) {
    return Pattern.compile("(?<![\\d.])" + Pattern.quote(figure) + "(?!\\.?\\d)")
        .matcher(sources)
        .find();
  }

  private static String sourceText(Set<String> sources) throws IOException {
    StringBuilder text = new StringBuilder();
    for (String source : sources) {
      if (source.equals("../src/test")) {
        text.append(testCounts());
      } else {
        Path file = DOCS.resolve(source).normalize();
        assertTrue(Files.isRegularFile(file), "cited source " + source + " does not exist");
        text.append(Files.readString(file));
      }
      text.append('\n');
    }
    // 127,266 in a table and 127266 in a JSON dump are the same figure.
    return text.toString().replaceAll("(?<=\\d),(?=\\d{3})", "");
  }

  /** What the document may say about the tests, counted from the sources as they stand. */
  static String testCounts() throws IOException {
    Map<String, Integer> counts = new LinkedHashMap<>();
    int unitClasses = 0;
    int unitTests = 0;
    int itClasses = 0;
    int itTests = 0;
    try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher annotation = TEST_ANNOTATION.matcher(Files.readString(file));
        int tests = 0;
        while (annotation.find()) {
          tests++;
        }
        if (tests == 0) {
          continue;
        }
        if (file.getFileName().toString().endsWith("IT.java")) {
          itClasses++;
          itTests += tests;
        } else {
          unitClasses++;
          unitTests += tests;
        }
      }
    }
    int jsTests = 0;
    try (Stream<Path> files = Files.walk(Path.of("src/test/js"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
        Matcher m = Pattern.compile("(?m)^\\s*test\\(").matcher(Files.readString(file));
        while (m.find()) {
          jsTests++;
        }
      }
    }
    counts.put("unit test classes", unitClasses);
    counts.put("unit test methods", unitTests);
    counts.put("integration test classes", itClasses);
    counts.put("integration test methods", itTests);
    counts.put("JavaScript tests", jsTests);
    return counts.toString();
  }

  private static List<String> images(String text) {
    List<String> images = new ArrayList<>();
    Matcher m = Pattern.compile("!\\[[^\\]]*\\]\\(([^)]+)\\)").matcher(text);
    while (m.find()) {
      images.add(m.group(1));
    }
    return images;
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length())) {
      n++;
    }
    return n;
  }

  private static String clip(String text) {
    String flat = text.replace('\n', ' ').strip();
    return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
  }
}
