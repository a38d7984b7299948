import fc from "fast-check";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import {
  CIRCLE_EXACT,
  CIRCLE_REPORT,
  SECOND_CIRCLE_EXACT,
  SECOND_CIRCLE_REPORT,
} from "../../../test/support/circle-report-fixture.ts";
import { translator } from "../../platform/i18n/i18n.ts";
import { mergeForum } from "./forum-merge.ts";
import { escapeMarkdown, forumReportMarkdown, reportMarkdown } from "./report-markdown.ts";

// Raw HTML on, so the test catches any tag that escaping lets through.
const md = new MarkdownIt({ html: true });
const es = translator("es").t;

describe("reportMarkdown", () => {
  const text = reportMarkdown(CIRCLE_REPORT, es);

  it("has the title, the details, each question and each group as headings", () => {
    expect(text.startsWith("# Círculo de conversación: voces jóvenes contra la trata\n")).toBe(true);
    expect(text).toContain("- **Moderación:** Lucía Fernández, Red Acoge Mujeres");
    expect(text).toContain("### Pregunta 1: ¿Qué problemas debemos abordar primero?");
    expect(text).toContain("#### Captación en redes sociales (19 apoyos)");
    expect(text).toContain("#### Tema: Protección (12 apoyos)");
    expect(text).toContain("#### Otras respuestas (1 apoyo)");
  });

  it("lists responses with their support counts and other themes, Arabic included", () => {
    expect(text).toContain(
      "- Las ofertas de trabajo falsas en Instagram y TikTok llegan a chicas de 15 años. — *9 apoyos* (Prevención · Explotación en internet y sexting)",
    );
    expect(text).toContain("- نحتاج إلى ملاجئ آمنة للنساء الناجيات في المدن الصغيرة. — *5 apoyos*\n");
  });

  it("escapes Markdown in what participants wrote: no emphasis, no link", () => {
    expect(text).toContain(
      "Fake \\*modelling\\* agencies recruit girls through \\[DMs\\](http://example.org).",
    );
    const html = md.render(text);
    expect(html).not.toContain("<em>modelling</em>");
    expect(html).not.toContain("<a href");
  });

  it("tabulates who took part, with 'fewer than 5' for small groups", () => {
    expect(text).toContain("**Total de participantes:** 23");
    expect(text).toContain(
      "| Grupo de edad | Personas |\n| --- | ---: |\n| Menos de 18 | menos de 5 |\n| De 18 a 24 | 9 |",
    );
    expect(md.render(text)).toContain("<td>Lideresa superviviente</td>");
  });

  it("ends with the common threads, the follow-up and the date it was produced", () => {
    expect(text).toContain(
      "## Hilos comunes\n\nLa captación empieza en las redes sociales y en las ofertas de empleo.\n\nLas supervivientes",
    );
    expect(text).toContain("## Seguimiento\n\nRedactar un protocolo");
    expect(text.trimEnd().endsWith("*Informe elaborado el 15 de febrero de 2026 a las 9:00 UTC*")).toBe(true);
    expect(reportMarkdown({ ...CIRCLE_REPORT, followUp: " \n" }, es)).toContain(
      "## Seguimiento\n\n*No se registró nada.*",
    );
  });

  it("is in the labels' language", () => {
    expect(reportMarkdown(CIRCLE_REPORT, translator("fr").t)).toContain("## Questions et réponses");
  });
});

describe("forumReportMarkdown", () => {
  it("tabulates the themes across circles and every circle's threads", () => {
    const forum = mergeForum(
      { forumId: "f1", title: "Foro de ONG hacia la CSW71", language: "es" },
      [CIRCLE_REPORT, SECOND_CIRCLE_REPORT],
      "2026-02-16T08:00:00.000Z",
      new Map([
        [CIRCLE_REPORT.circleId, CIRCLE_EXACT],
        [SECOND_CIRCLE_REPORT.circleId, SECOND_CIRCLE_EXACT],
      ]),
    );
    const text = forumReportMarkdown(forum, es);
    expect(text).toContain("| Captación en redes sociales | Grupo de respuestas | 2 | 4 | 22 |");
    expect(text).toContain("| Prevención | Tema | 2 | 4 | 21 |");
    expect(text).toContain("### Circle of faith groups\n\nFaith groups can open their halls");
    expect(md.render(text)).toContain("<table>");
  });
});

describe("escapeMarkdown", () => {
  const tricky = [..."abc 12.)#*_`[]()<>!|~&;-+=\\{}\"':/ \n\tαé"];

  it("renders as exactly the text typed, whatever it holds, inside a list item", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...tricky), maxLength: 40 }), (raw) => {
        const expected = raw.replace(/\s+/g, " ").trim();
        fc.pre(expected !== "");
        const html = md.render(`- ${escapeMarkdown(raw)} — x`);
        expect(html).toBe(`<ul>\n<li>${md.utils.escapeHtml(expected)} — x</li>\n</ul>\n`);
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps entities and line starts literal", () => {
    expect(md.renderInline(escapeMarkdown("&copy; &#169;"))).toBe("&amp;copy; &amp;#169;");
    expect(md.render(escapeMarkdown("# not a heading"))).toBe("<p># not a heading</p>\n");
    expect(md.render(escapeMarkdown("1. not a list"))).toBe("<p>1. not a list</p>\n");
  });
});
