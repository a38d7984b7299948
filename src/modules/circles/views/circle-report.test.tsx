import { describe, expect, it } from "vitest";
import {
  CIRCLE_EXACT,
  CIRCLE_REPORT,
  reportPageContext,
  SECOND_CIRCLE_EXACT,
  SECOND_CIRCLE_REPORT,
} from "../../../../test/support/circle-report-fixture.ts";
import { translator } from "../../../platform/i18n/i18n.ts";
import { renderPage } from "../../../platform/views/layout.tsx";
import { mergeForum } from "../forum-merge.ts";
import { CircleReportPage, ForumReportPage, ReportDocument } from "./circle-report.tsx";
import { REPORT_DOCUMENT_CSS } from "./report-document-css.ts";

const es = translator("es").t;
const forum = mergeForum(
  { forumId: "f1", title: "Foro de ONG hacia la CSW71", language: "es" },
  [CIRCLE_REPORT, SECOND_CIRCLE_REPORT],
  "2026-02-16T08:00:00.000Z",
  new Map([
    [CIRCLE_REPORT.circleId, CIRCLE_EXACT],
    [SECOND_CIRCLE_REPORT.circleId, SECOND_CIRCLE_EXACT],
  ]),
);

describe("CircleReportPage", () => {
  // An English-speaking visitor reads a Spanish circle's report: the site is in English, the report in Spanish.
  const html = renderPage(<CircleReportPage ctx={reportPageContext("en")} report={CIRCLE_REPORT} t={es} />);

  it("keeps the site's chrome in the visitor's language and the report in the circle's", () => {
    expect(html).toContain('<html lang="en" dir="ltr"');
    expect(html).toContain("Leave this site");
    expect(html).toContain('<article class="circle-report" lang="es" dir="ltr">');
    expect(html).toContain("Preguntas y respuestas");
    expect(html).toContain("Lucía Fernández, Red Acoge Mujeres");
    expect(html).toContain("Forma parte de Foro de ONG hacia la CSW71");
  });

  it("shows each question with its clusters, theme headings, responses and support counts", () => {
    expect(html).toContain("¿Qué problemas debemos abordar primero?");
    expect(html).toContain("Captación en redes sociales");
    expect(html).toContain("Tema: Protección");
    expect(html).toContain("Otras respuestas");
    expect(html).toContain("(19 apoyos)");
    expect(html).toContain("9 apoyos");
    expect(html).toContain("1 apoyo<");
    expect(html).toContain("6 respuestas");
  });

  it("marks each response with its own language, so Arabic reads right to left inside a Spanish report", () => {
    expect(html).toMatch(/lang="ar" dir="auto">التجنيد عبر/);
    expect(html).toMatch(/lang="en" dir="auto">Fake \*modelling\*/);
  });

  it("escapes what participants wrote", () => {
    expect(html).toContain("online for rural groups &amp; in person");
    expect(html.slice(html.indexOf("<article"))).not.toContain("<script");
  });

  it("shows suppressed counts as 'fewer than 5' in the participant tables", () => {
    expect(html).toContain("<caption>Grupo de edad</caption>");
    expect(html).toMatch(/<th scope="row">Menos de 18<\/th><td>menos de 5<\/td>/);
    expect(html).toMatch(/<th scope="row">De 18 a 24<\/th><td>9<\/td>/);
    expect(html).toMatch(/<th scope="row">Lideresa superviviente<\/th><td>menos de 5<\/td>/);
  });

  it("shows the common threads and the follow-up line by line", () => {
    expect(html).toContain("Hilos comunes");
    expect(html).toContain(
      '<p dir="auto">Las supervivientes necesitan vivienda y papeles antes que nada.</p>',
    );
    expect(html).toContain("Seguimiento");
    expect(html).toContain("Preparar la declaración conjunta.");
  });

  it("labels an Arabic circle in Arabic, right to left", () => {
    const ar = renderPage(
      <CircleReportPage
        ctx={reportPageContext("ar")}
        report={{ ...CIRCLE_REPORT, language: "ar", followUp: "" }}
        t={translator("ar").t}
      />,
    );
    expect(ar).toContain('<article class="circle-report" lang="ar" dir="rtl">');
    expect(ar).toContain("الأسئلة والإجابات");
    expect(ar).toContain("لم يُسجَّل شيء.");
  });
});

describe("ForumReportPage", () => {
  const html = renderPage(<ForumReportPage ctx={reportPageContext("es")} report={forum} t={es} />);

  it("tabulates themes and clusters across circles, most circles first", () => {
    const rows = [
      ...html.matchAll(/<tr><th scope="row" dir="auto">([^<]+)<\/th><td>([^<]+)<\/td><td>(\d+)<\/td>/g),
    ];
    expect(rows.slice(0, 3).map((m) => [m[1], m[2], m[3]])).toEqual([
      ["Captación en redes sociales", "Grupo de respuestas", "2"],
      ["Prevención", "Tema", "2"],
      ["Protección", "Tema", "2"],
    ]);
  });

  it("lists every circle's common threads under its title", () => {
    expect(html).toContain("Circle of faith groups</h3>");
    expect(html).toContain("Faith groups can open their halls as safe meeting places.");
    expect(html).toMatch(/Con experiencia<\/th><td>7<\/td>/);
  });
});

describe("ReportDocument", () => {
  const html = renderPage(<ReportDocument report={CIRCLE_REPORT} t={es} />);

  it("has no site chrome, no script and nothing to fetch", () => {
    expect(html).toContain('<html lang="es" dir="ltr">');
    expect(html).not.toContain("quick-exit");
    expect(html).not.toContain("staff-bar");
    expect(html).not.toMatch(/<script|<link|src=|url\(/);
    expect(html).toContain("Captación en redes sociales");
  });

  it("carries its stylesheet intact (nothing in it that rendering would escape)", () => {
    expect(REPORT_DOCUMENT_CSS).not.toMatch(/[<>&"']/);
    expect(html).toContain(`<style>${REPORT_DOCUMENT_CSS}</style>`);
  });

  it("renders a forum report too", () => {
    const doc = renderPage(<ReportDocument report={forum} t={es} />);
    expect(doc).toContain("Temas en todos los círculos");
  });
});
