import { generate } from "lean-qr";
import { toSvgPath } from "lean-qr/extras/svg";
import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";

/** The join code and its QR code, drawn on the server: for the projector and the facilitator. */

/** A QR code of the join address, drawn on the server as SVG (no script, no image request). */
export function JoinQr({ url, label }: { url: string; label: string }) {
  const code = generate(url);
  const size = code.size + 8;
  return (
    <svg
      class="circle-qr"
      viewBox={`-4 -4 ${size} ${size}`}
      role="img"
      aria-label={label}
      shape-rendering="crispEdges"
      data-join-qr=""
    >
      <rect x={-4} y={-4} width={size} height={size} fill="#fff" />
      <path d={toSvgPath(code)} fill="#000" />
    </svg>
  );
}

/** A page to put on the projector: the code, large, and the QR code. */
export function PresentPage({
  ctx,
  title,
  code,
  joinUrl,
}: {
  ctx: PageContext;
  title: string;
  code: string;
  joinUrl: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={title}>
      <div class="circle-present">
        <h1>{title}</h1>
        <p>{t("circles.present.instructions")}</p>
        <p class="circle-join-code">{code}</p>
        <JoinQr url={joinUrl} label={t("circles.console.qrLabel", { url: joinUrl })} />
        <p dir="ltr">{joinUrl}</p>
      </div>
    </Layout>
  );
}
