import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { h } from "preact";
import { formText } from "../../platform/http/body-parsers.ts";
import { AppError } from "../../platform/http/errors.ts";
import { sendPage, type WebContext } from "../../platform/http/pages.ts";
import type { MessageKey } from "../../platform/i18n/i18n.ts";
import type { FieldError } from "../../platform/views/components.tsx";
import type { PageContext } from "../../platform/views/context.ts";
import type { StaffSession } from "../accounts/accounts.service.ts";
import { assertCan, can } from "../accounts/permissions.ts";
import { requireStaffPage, staffPageContext } from "../accounts/staff-auth.ts";
import {
  CircleInvalid,
  createCircle,
  createForum,
  overview,
  setReportVisibility,
  setStatus,
  updateCircleDetails,
} from "./circles.service.ts";
import {
  addActionItem,
  createCluster,
  decideCluster,
  facilitatorView,
  mergeDuplicates,
  moderate,
  responseForFacilitator,
  saveReflections,
  suggestFor,
} from "./facilitation.service.ts";
import {
  type CircleFormValues,
  CirclesOverviewPage,
  NewCirclePage,
  NewForumPage,
} from "./views/circle-console.tsx";
import { FacilitatorPage } from "./views/facilitator-pages.tsx";
import { PresentPage } from "./views/present-page.tsx";
import { ResponsePage } from "./views/response-page.tsx";

const HIDDEN = { schema: { hide: true } } as const;
const str = (v: unknown, max = 5000) => formText(v, max);
const list = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string").map((x) => x.slice(0, 64));
const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
const query = (request: FastifyRequest) => (request.query ?? {}) as Record<string, unknown>;
type IdRequest = FastifyRequest<{ Params: { id: string; rid?: string; cid?: string } }>;

function idOf(value: string | undefined): string {
  const id = value ?? "";
  if (!/^[0-9a-z-]{10,60}$/.test(id)) throw new AppError("circle_not_found", 404, "No such circle");
  return id;
}

/** The classic guiding questions of a CSW conversation circle, in the form's language. */
function templateQuestions(ctx: PageContext): string {
  return [1, 2, 3].map((n) => ctx.t(`circles.template.q${n}` as MessageKey)).join("\n");
}

const DONE: Readonly<Record<string, MessageKey>> = {
  created: "circles.done.created",
  opened: "circles.done.opened",
  closed: "circles.done.closed",
  moderated: "circles.done.moderated",
  grouped: "circles.done.grouped",
  suggested: "circles.done.suggested",
  reflections: "circles.done.reflections",
  action: "circles.done.action",
  visibility: "circles.done.visibility",
  updated: "circles.done.updated",
};

/** The circle console: the organisation's circles and forums, creating them, and facilitating one. */
export function circlesRoutes(app: FastifyInstance, web: WebContext): void {
  const p = web.platform;
  const joinUrl = (code: string) => `${p.config.publicUrl.replace(/\/$/, "")}/circles/${code}`;

  const staffFor = async (request: FastifyRequest, reply: FastifyReply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (staff) assertCan(staff, "circle.facilitate");
    return staff;
  };
  const errorsOf = (ctx: PageContext, error: CircleInvalid): FieldError[] =>
    error.problems.map((x) => ({ field: x.field, message: ctx.t(`circles.error.${x.code}` as MessageKey) }));

  app.get("/staff/circles", HIDDEN, async (request, reply) => {
    const staff = await staffFor(request, reply);
    if (!staff) return reply;
    const ctx = staffPageContext(web, request, reply, staff);
    const data = await overview(p, staff);
    return sendPage(
      reply,
      h(CirclesOverviewPage, { ctx, canManage: can(staff.role, "circle.manage"), ...data }),
    );
  });

  const newCirclePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    staff: StaffSession,
    values: CircleFormValues | undefined,
    errors: FieldError[],
    status = 200,
  ) => {
    const ctx = staffPageContext(web, request, reply, staff);
    const { forums } = await overview(p, staff);
    const initial: CircleFormValues = values ?? {
      title: "",
      topic: "",
      date: new Date().toISOString().slice(0, 10),
      time: "10:00",
      place: "",
      online: false,
      moderatorName: "",
      moderatorAffiliation: "",
      languages: [ctx.i18n.locale],
      questions: templateQuestions(ctx),
      forumId: str(query(request).forum, 64),
      reportVisibility: "members",
    };
    return sendPage(reply, h(NewCirclePage, { ctx, values: initial, errors, forums }), status);
  };

  app.get("/staff/circles/new", HIDDEN, async (request, reply) => {
    const staff = await staffFor(request, reply);
    if (!staff) return reply;
    assertCan(staff, "circle.manage");
    return newCirclePage(request, reply, staff, undefined, []);
  });

  app.post("/staff/circles/new", HIDDEN, async (request, reply) => {
    const staff = await staffFor(request, reply);
    if (!staff) return reply;
    assertCan(staff, "circle.manage");
    const values = formValuesOf(body(request));
    try {
      const id = await createCircle(p, staff, {
        ...values,
        questions: values.questions.split(/\r?\n/),
        forumId: values.forumId || undefined,
      });
      return reply.redirect(`/staff/circles/${id}?done=created`, 303);
    } catch (error) {
      if (!(error instanceof CircleInvalid)) throw error;
      const ctx = staffPageContext(web, request, reply, staff);
      return newCirclePage(request, reply, staff, values, errorsOf(ctx, error), 400);
    }
  });

  const formValuesOf = (b: Record<string, unknown>): CircleFormValues => ({
    title: str(b.title, 400),
    topic: str(b.topic, 600),
    date: str(b.date, 20),
    time: str(b.time, 10),
    place: str(b.place, 600),
    online: list(b.online).includes("yes"),
    moderatorName: str(b.moderatorName, 400),
    moderatorAffiliation: str(b.moderatorAffiliation, 400),
    languages: list(b.languages),
    questions: str(b.questions, 10_000),
    forumId: str(b.forumId, 64),
    reportVisibility: str(b.reportVisibility, 20),
  });
  const editPage = async (
    request: IdRequest,
    reply: FastifyReply,
    staff: StaffSession,
    values: CircleFormValues | undefined,
    errors: FieldError[],
    status = 200,
  ) => {
    const id = idOf(request.params.id);
    const view = await facilitatorView(p, staff, id);
    const c = view.circle;
    const [date = "", time = ""] = c.startsAt.split("T");
    const ctx = staffPageContext(web, request, reply, staff);
    const { forums } = await overview(p, staff);
    const current: CircleFormValues = values ?? {
      title: c.title,
      topic: c.topic,
      date,
      time,
      place: c.place,
      online: c.online,
      moderatorName: c.moderatorName,
      moderatorAffiliation: c.moderatorAffiliation,
      languages: c.languages,
      questions: view.questions.map((q) => q.text).join("\n"),
      forumId: c.forumId ?? "",
      reportVisibility: c.reportVisibility,
    };
    return sendPage(reply, h(NewCirclePage, { ctx, values: current, errors, forums, circleId: id }), status);
  };

  app.get("/staff/circles/:id/edit", HIDDEN, async (request: IdRequest, reply) => {
    const staff = await staffFor(request, reply);
    if (!staff) return reply;
    assertCan(staff, "circle.manage");
    return editPage(request, reply, staff, undefined, []);
  });

  app.post("/staff/circles/:id/edit", HIDDEN, async (request: IdRequest, reply) => {
    const staff = await staffFor(request, reply);
    if (!staff) return reply;
    assertCan(staff, "circle.manage");
    const id = idOf(request.params.id);
    const values = formValuesOf(body(request));
    try {
      await updateCircleDetails(p, staff, id, {
        ...values,
        questions: values.questions.split(/\r?\n/),
        forumId: values.forumId || undefined,
      });
      return reply.redirect(`/staff/circles/${id}?done=updated`, 303);
    } catch (error) {
      if (!(error instanceof CircleInvalid)) throw error;
      const ctx = staffPageContext(web, request, reply, staff);
      return editPage(request, reply, staff, values, errorsOf(ctx, error), 400);
    }
  });

  app.get("/staff/forums/new", HIDDEN, async (request, reply) => {
    const staff = await staffFor(request, reply);
    if (!staff) return reply;
    assertCan(staff, "circle.manage");
    const ctx = staffPageContext(web, request, reply, staff);
    return sendPage(
      reply,
      h(NewForumPage, { ctx, values: { title: "", language: ctx.i18n.locale }, errors: [] }),
    );
  });

  app.post("/staff/forums/new", HIDDEN, async (request, reply) => {
    const staff = await staffFor(request, reply);
    if (!staff) return reply;
    const b = body(request);
    const values = { title: str(b.title, 400), language: str(b.language, 8) };
    try {
      const id = await createForum(p, staff, values);
      return reply.redirect(`/staff/forums/${id}`, 303);
    } catch (error) {
      if (!(error instanceof CircleInvalid)) throw error;
      const ctx = staffPageContext(web, request, reply, staff);
      return sendPage(reply, h(NewForumPage, { ctx, values, errors: errorsOf(ctx, error) }), 400);
    }
  });

  const facilitatorPage = async (
    request: IdRequest,
    reply: FastifyReply,
    staff: StaffSession,
    errors: FieldError[] = [],
    status = 200,
  ) => {
    const view = await facilitatorView(p, staff, idOf(request.params.id));
    const ctx = staffPageContext(web, request, reply, staff);
    const done = DONE[str(query(request).done, 20)];
    return sendPage(
      reply,
      h(FacilitatorPage, {
        ctx,
        view,
        joinUrl: joinUrl(view.circle.joinCode),
        canManage: can(staff.role, "circle.manage"),
        done: done && ctx.t(done),
        errors,
      }),
      status,
    );
  };

  app.get("/staff/circles/:id", HIDDEN, async (request: IdRequest, reply) => {
    const staff = await staffFor(request, reply);
    if (!staff) return reply;
    return facilitatorPage(request, reply, staff);
  });

  app.get("/staff/circles/:id/present", HIDDEN, async (request: IdRequest, reply) => {
    const staff = await staffFor(request, reply);
    if (!staff) return reply;
    const view = await facilitatorView(p, staff, idOf(request.params.id));
    const ctx = staffPageContext(web, request, reply, staff);
    return sendPage(
      reply,
      h(PresentPage, {
        ctx,
        title: view.circle.title,
        code: view.circle.joinCode,
        joinUrl: joinUrl(view.circle.joinCode),
      }),
    );
  });

  const responsePage = async (
    request: IdRequest,
    reply: FastifyReply,
    staff: StaffSession,
    errors: FieldError[] = [],
    status = 200,
  ) => {
    const id = idOf(request.params.id);
    const data = await responseForFacilitator(p, staff, id, idOf(request.params.rid));
    const ctx = staffPageContext(web, request, reply, staff);
    const done = DONE[str(query(request).done, 20)];
    return sendPage(
      reply,
      h(ResponsePage, {
        ctx,
        circle: data.circle,
        question: data.question,
        r: data.response,
        errors,
        done: done && ctx.t(done),
      }),
      status,
    );
  };

  app.get("/staff/circles/:id/responses/:rid", HIDDEN, async (request: IdRequest, reply) => {
    const staff = await staffFor(request, reply);
    if (!staff) return reply;
    return responsePage(request, reply, staff);
  });

  /** A change posted from the facilitator's page: done → back to the page (at the anchor); refused → the page with a message. */
  const change = (
    path: string,
    run: (staff: StaffSession, id: string, b: Record<string, unknown>, request: IdRequest) => Promise<string>,
  ) =>
    app.post(`/staff/circles/:id/${path}`, HIDDEN, async (request: IdRequest, reply) => {
      const staff = await staffFor(request, reply);
      if (!staff) return reply;
      const id = idOf(request.params.id);
      // A change made on a response's own page goes back there; anything else to the circle's page.
      const onResponse = str(body(request).back, 10) === "response" && request.params.rid !== undefined;
      try {
        const done = await run(staff, id, body(request), request);
        return reply.redirect(
          onResponse
            ? `/staff/circles/${id}/responses/${idOf(request.params.rid)}?done=${done}`
            : `/staff/circles/${id}?done=${done}${request.params.rid ? `#r-${request.params.rid}` : ""}`,
          303,
        );
      } catch (error) {
        if (!(error instanceof CircleInvalid)) throw error;
        const ctx = staffPageContext(web, request, reply, staff);
        if (onResponse) return responsePage(request, reply, staff, errorsOf(ctx, error), 400);
        return facilitatorPage(request, reply, staff, errorsOf(ctx, error), 400);
      }
    });

  change("status", async (s, id, b) => {
    const status = str(b.status, 10);
    if (status !== "open" && status !== "closed") throw new AppError("bad_request", 400, "Unknown status");
    await setStatus(p, s, id, status);
    return status === "open" ? "opened" : "closed";
  });
  change("visibility", async (s, id, b) => {
    await setReportVisibility(p, s, id, str(b.reportVisibility, 20));
    return "visibility";
  });
  change("responses/:rid", async (s, id, b, request) => {
    const rid = idOf(request.params.rid);
    const action = str(b.action, 10);
    if (action === "hide" || action === "show") await moderate(p, s, id, rid, { kind: action });
    else if (action === "edit") await moderate(p, s, id, rid, { kind: "edit", text: str(b.text, 5000) });
    else if (action === "merge") await moderate(p, s, id, rid, { kind: "merge", into: str(b.into, 64) });
    else if (action === "themes") await moderate(p, s, id, rid, { kind: "themes", themes: list(b.themes) });
    else throw new AppError("bad_request", 400, "Unknown action");
    return "moderated";
  });
  change("clusters", async (s, id, b) => {
    if (str(b.action, 10) === "merge") {
      await mergeDuplicates(p, s, id, list(b.responseIds));
      return "moderated";
    }
    await createCluster(p, s, id, { name: str(b.name, 400), responseIds: list(b.responseIds) });
    return "grouped";
  });
  change("clusters/suggest", async (s, id, b) => {
    await suggestFor(p, s, id, str(b.questionId, 80));
    return "suggested";
  });
  change("clusters/:cid", async (s, id, b, request) => {
    const cid = idOf(request.params.cid);
    const action = str(b.action, 10);
    if (action === "reject") await decideCluster(p, s, id, cid, { kind: "reject" });
    else if (action === "accept" || action === "rename")
      await decideCluster(p, s, id, cid, { kind: action, name: str(b.name, 400) });
    else throw new AppError("bad_request", 400, "Unknown action");
    return "grouped";
  });
  change("reflections", async (s, id, b) => {
    await saveReflections(p, s, id, {
      commonThreads: str(b.commonThreads, 20_000),
      followUp: str(b.followUp, 20_000),
    });
    return "reflections";
  });
  change("actions", async (s, id, b) => {
    const sourceType = str(b.sourceType, 10);
    if (sourceType !== "response" && sourceType !== "cluster")
      throw new AppError("bad_request", 400, "Unknown source");
    await addActionItem(p, s, id, { sourceType, sourceId: str(b.sourceId, 80), title: str(b.title, 600) });
    return "action";
  });
}
