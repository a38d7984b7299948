import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import {
  CIRCLE_EXACT,
  CIRCLE_REPORT,
  SECOND_CIRCLE_EXACT,
  SECOND_CIRCLE_REPORT,
} from "../../../test/support/circle-report-fixture.ts";
import { translator } from "../../platform/i18n/i18n.ts";
import { mergeForum } from "./forum-merge.ts";
import { forumReportDocx, reportDocx } from "./report-docx.ts";

/** The main part of a docx (a zip), read back as text. */
function documentXml(file: Buffer): string {
  expect(file.subarray(0, 2).toString("latin1")).toBe("PK");
  const entries = unzipSync(new Uint8Array(file));
  expect(Object.keys(entries)).toContain("[Content_Types].xml");
  const main = entries["word/document.xml"];
  if (!main) throw new Error("no word/document.xml in the docx");
  return strFromU8(main);
}

/** The paragraphs of a document.xml, each as its joined text and whether it is right to left. */
function paragraphs(xml: string): { text: string; rtl: boolean; style: string | undefined }[] {
  return [...xml.matchAll(/<w:p>(.*?)<\/w:p>|<w:p [^>]*>(.*?)<\/w:p>/gs)].map((m) => {
    const body = m[1] ?? m[2] ?? "";
    return {
      text: [...body.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""),
      rtl: body.includes("<w:bidi/>"),
      style: body.match(/<w:pStyle w:val="([^"]+)"\/>/)?.[1],
    };
  });
}

describe("reportDocx", () => {
  it("is a Word file holding the title as a heading and every response with its supports", async () => {
    const xml = documentXml(await reportDocx(CIRCLE_REPORT, translator("es").t));
    const paras = paragraphs(xml);
    expect(paras[0]).toMatchObject({ text: CIRCLE_REPORT.title, style: "Heading1" });
    expect(paras).toContainEqual(
      expect.objectContaining({
        text: "Pregunta 1: ¿Qué problemas debemos abordar primero?",
        style: "Heading3",
      }),
    );
    expect(paras).toContainEqual(
      expect.objectContaining({ text: "Captación en redes sociales (19 apoyos)", style: "Heading4" }),
    );
    expect(paras.map((p) => p.text)).toContain(
      "Meet every two months, online for rural groups &amp; in person in cities. — 1 apoyo",
    );
  });

  it("sets Arabic responses right to left, Spanish ones left to right", async () => {
    const paras = paragraphs(documentXml(await reportDocx(CIRCLE_REPORT, translator("es").t)));
    const arabic = paras.find((p) => p.text.startsWith("نحتاج إلى ملاجئ آمنة"));
    const spanish = paras.find((p) => p.text.startsWith("Las supervivientes esperan meses"));
    expect(arabic?.rtl).toBe(true);
    expect(spanish?.rtl).toBe(false);
  });

  it("marks each response's language, for Word's spelling checker", async () => {
    const xml = documentXml(await reportDocx(CIRCLE_REPORT, translator("es").t));
    expect(xml).toMatch(/<w:lang w:bidi="ar"\/><\/w:rPr><w:t xml:space="preserve">نحتاج/);
    expect(xml).toMatch(/<w:lang w:val="en"\/><\/w:rPr><w:t xml:space="preserve">Fake \*modelling\*/);
  });

  it("puts the participant summary in tables, 'fewer than 5' for small groups", async () => {
    const xml = documentXml(await reportDocx(CIRCLE_REPORT, translator("es").t));
    expect(xml.match(/<w:tbl>/g)?.length).toBe(3);
    const table = xml.slice(xml.indexOf("<w:tbl>"), xml.indexOf("</w:tbl>"));
    expect(table).toMatch(/Menos de 18<\/w:t>.*?menos de 5<\/w:t>/s);
    expect(table).toMatch(/De 18 a 24<\/w:t>.*?>9<\/w:t>/s);
  });

  it("writes an Arabic report's labels right to left, tables included", async () => {
    const xml = documentXml(
      await reportDocx({ ...CIRCLE_REPORT, language: "ar", title: "حلقة حوار" }, translator("ar").t),
    );
    const paras = paragraphs(xml);
    expect(paras[0]).toMatchObject({ text: "حلقة حوار", rtl: true });
    expect(paras.find((p) => p.text === "الخيوط المشتركة")?.rtl).toBe(true);
    expect(xml).toContain("<w:bidiVisual/>");
  });

  it("drops characters XML cannot hold rather than writing a broken file", async () => {
    const xml = documentXml(
      await reportDocx(
        { ...CIRCLE_REPORT, commonThreads: "Una línea\u0007 con un carácter de control" },
        translator("es").t,
      ),
    );
    expect(xml).toContain("Una línea con un carácter de control");
  });
});

describe("forumReportDocx", () => {
  it("tabulates the themes across circles", async () => {
    const forum = mergeForum(
      { forumId: "f1", title: "Foro de ONG hacia la CSW71", language: "es" },
      [CIRCLE_REPORT, SECOND_CIRCLE_REPORT],
      "2026-02-16T08:00:00.000Z",
      new Map([
        [CIRCLE_REPORT.circleId, CIRCLE_EXACT],
        [SECOND_CIRCLE_REPORT.circleId, SECOND_CIRCLE_EXACT],
      ]),
    );
    const xml = documentXml(await forumReportDocx(forum, translator("es").t));
    expect(xml).toMatch(
      /Captación en redes sociales<\/w:t>.*?Grupo de respuestas<\/w:t>.*?>2<\/w:t>.*?>4<\/w:t>.*?>22<\/w:t>/s,
    );
    expect(xml).toContain("Faith groups can open their halls as safe meeting places.");
  });
});
