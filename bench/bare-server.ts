// The baseline the submission benchmark runs beside: bare Fastify with one POST route that parses a JSON
// body and answers 201, with no validation, hashing, encryption or database. Started as a child process
// by report-submission.bench.ts, exactly as the Lantern server is, so both pay the same HTTP costs.
import Fastify from "fastify";

const port = Number(process.env.BENCH_PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error("set BENCH_PORT");

const app = Fastify();
app.post("/api/v1/reports", async (request, reply) => {
  const body = request.body as { readonly country?: unknown };
  return reply.code(201).send({ receiptCode: "0000000000000000", country: body.country });
});

await app.listen({ host: "127.0.0.1", port });
const stop = async () => {
  await app.close();
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
