/**
 * The printed report's stylesheet, carried inside the document so printing it fetches nothing. It is
 * rendered as the text of a <style> element, which escapes markup characters: it must not use angle
 * brackets, ampersands or quotes (a unit test checks), hence unquoted font names and no child selectors.
 */
export const REPORT_DOCUMENT_CSS = `
@page { size: A4; margin: 18mm 16mm 20mm; }
html { color: #1d1f24; background: #fff; }
body {
  margin: 0;
  font: 10.5pt/1.45 DejaVu Sans, Noto Sans, Noto Sans Arabic, Liberation Sans, Arial, sans-serif;
}
h1 { font-size: 19pt; line-height: 1.2; margin: 0 0 0.4em; color: #3f1d5e; }
h2 { font-size: 14pt; margin: 1.4em 0 0.5em; padding-bottom: 0.15em; border-bottom: 1.5pt solid #5b2a86; color: #3f1d5e; break-after: avoid-page; }
h3 { font-size: 12pt; margin: 1.1em 0 0.3em; break-after: avoid-page; }
h4 { font-size: 10.5pt; margin: 0.9em 0 0.3em; break-after: avoid-page; }
p { margin: 0 0 0.5em; }
.report-kicker { text-transform: uppercase; letter-spacing: 0.06em; font-size: 9pt; color: #4a5060; margin: 0; }
.report-forum, .report-count, .report-note, .report-footer, .report-support, .report-themes { color: #4a5060; }
.report-details { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; margin: 0.8em 0 0; }
.report-details dt { font-weight: bold; }
.report-details dd { margin: 0; }
.report-question-number { display: block; font-size: 9pt; color: #5b2a86; text-transform: uppercase; letter-spacing: 0.04em; }
.report-responses { margin: 0; padding-inline-start: 1.2em; }
.report-response { margin: 0 0 0.35em; break-inside: avoid-page; }
.report-support { font-size: 9pt; white-space: nowrap; }
.report-themes { display: block; font-size: 8.5pt; }
.report-tables { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 0 1.5em; }
.report-table { border-collapse: collapse; margin: 0.4em 0 0.8em; break-inside: avoid-page; }
.report-table caption { text-align: start; font-weight: bold; padding-bottom: 0.2em; }
.report-table th, .report-table td { border: 0.75pt solid #b9bcc6; padding: 0.2em 0.6em; text-align: start; }
.report-table thead th { background: #f3f1ec; }
.report-table td { font-variant-numeric: tabular-nums; }
.report-footer { break-before: avoid-page; margin-top: 2em; font-size: 9pt; border-top: 0.75pt solid #b9bcc6; padding-top: 0.4em; }
.report-empty { font-style: italic; color: #4a5060; }
`;
