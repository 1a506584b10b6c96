import { describe, expect, it } from "vitest";
import { Outbox } from "../../../src/core/simulator/index.ts";
import { notifyJob, type WebhookDelivery } from "../../../src/zoom/simulator/notifications.ts";
import { verifyZoomWebhook } from "../../../src/zoom/webhook.ts";

const NOW = new Date("2026-01-05T18:34:12Z");
const job = (notifications?: { webhook_url: string; secret?: string }) => ({
  job_id: "job_1",
  state: "PROCESSING",
  request: notifications ? { notifications } : {},
});

function outbox(answer: (request: Request) => Promise<Response>) {
  const sent: Request[] = [];
  return { sent, box: new Outbox<WebhookDelivery>(async (request) => (sent.push(request), answer(request))) };
}

describe("Zoom job notifications", () => {
  it("are sent only for a job created with notifications", async () => {
    const { box, sent } = outbox(async () => new Response());
    notifyJob(box, job(), {}, NOW);
    await box.flush();
    expect([sent.length, box.deliveries.length]).toEqual([0, 0]);
  });

  it("carry the event and the job, signed with the job's secret so that they verify", async () => {
    const { box, sent } = outbox(async () => new Response(null, { status: 204 }));
    notifyJob(box, job({ webhook_url: "https://hooks.test/z", secret: "s3cret" }), { job_id: "job_1" }, NOW);
    await box.flush();
    const body = await sent[0]!.text();
    expect(JSON.parse(body)).toEqual({ event_type: "batch_job.processing", job: { job_id: "job_1" } });
    const verified = await verifyZoomWebhook({
      secret: "s3cret",
      rawBody: body,
      headers: sent[0]!.headers,
      now: () => NOW.getTime(),
    });
    expect(verified.valid).toBe(true);
    expect(box.deliveries[0]).toMatchObject({
      status: 204,
      eventType: "batch_job.processing",
      jobId: "job_1",
    });
  });

  it("go unsigned when the job has no secret", async () => {
    const { box, sent } = outbox(async () => new Response());
    notifyJob(box, job({ webhook_url: "https://hooks.test/z" }), {}, NOW);
    await box.flush();
    expect(sent[0]!.headers.has("x-zm-signature")).toBe(false);
  });
});

describe("a simulator's outbox", () => {
  it("records a delivery that failed, instead of throwing, and forgets everything on clear", async () => {
    const box = new Outbox(async () => {
      throw new TypeError("connection refused");
    });
    box.post({ url: "https://hooks.test/z", headers: {}, body: "{}" });
    await box.flush();
    expect(box.deliveries[0]).toMatchObject({ error: "connection refused" });
    expect(box.deliveries[0]?.status).toBeUndefined();
    box.clear();
    expect(box.deliveries).toEqual([]);
  });

  it("gives up on a receiver that never answers, recording it, and still sends the deliveries behind it", async () => {
    const sent: string[] = [];
    const box = new Outbox(async (request) => {
      sent.push(request.url);
      return request.url.endsWith("/silent") ? new Promise<Response>(() => {}) : new Response();
    }, 20);
    box.post({ url: "https://hooks.test/silent", headers: {}, body: "" });
    box.post({ url: "https://hooks.test/next", headers: {}, body: "" });
    await box.flush();
    expect(box.deliveries.map((d) => d.error ?? d.status)).toEqual(["no answer within 20 ms", 200]);
    expect(sent).toEqual(["https://hooks.test/silent", "https://hooks.test/next"]);
  });

  it("sends deliveries in the order they were posted, even when the first takes longer to prepare", async () => {
    const order: string[] = [];
    const box = new Outbox(async (request) => (order.push(request.url), new Response()));
    const slow = () => new Promise<void>((resolve) => setTimeout(resolve, 20));
    box.post({ url: "https://hooks.test/1", headers: {}, body: "" }, slow);
    box.post({ url: "https://hooks.test/2", headers: {}, body: "" });
    await box.flush();
    expect(order).toEqual(["https://hooks.test/1", "https://hooks.test/2"]);
  });

  it("waits in flush for deliveries posted while it waits", async () => {
    const order: string[] = [];
    const box: Outbox = new Outbox(async (request) => {
      order.push(request.url);
      if (request.url.endsWith("/first"))
        box.post({ url: "https://hooks.test/second", headers: {}, body: "" });
      return new Response();
    });
    box.post({ url: "https://hooks.test/first", headers: {}, body: "" });
    await box.flush();
    expect(order).toEqual(["https://hooks.test/first", "https://hooks.test/second"]);
    expect(box.deliveries.map((d) => d.status)).toEqual([200, 200]);
  });
});
