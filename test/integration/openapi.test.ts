import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { generateOpenApi, OPENAPI_FILE } from "../../scripts/openapi.ts";

describe("the committed OpenAPI document", () => {
  it("matches what the code generates (run `npm run openapi` after changing an API schema)", async () => {
    const generated = await generateOpenApi();
    expect(fs.readFileSync(OPENAPI_FILE, "utf8")).toBe(generated);
  });

  it("documents the public reporting endpoints with their error shape", async () => {
    const doc = JSON.parse(await generateOpenApi());
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/reports", "/api/v1/reports/follow-up"]),
    );
    expect(doc.paths["/api/v1/reports"].post.responses["400"]).toBeDefined();
    expect(Object.keys(doc.paths).some((p: string) => p.startsWith("/staff") || p === "/report")).toBe(false);
  });
});
