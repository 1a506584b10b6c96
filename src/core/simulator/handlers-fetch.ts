// A fetch answered by MSW handlers directly, with no global interception: hand it to a client's
// `fetch` option to run against a simulator in a test, a script or a browser.
//
// The handlers are tried in their order, as MSW would. A handler the simulator kit bound (its guard, and
// every operation bound through `simulate`) answers through its shortcut (./direct-answer.ts): its path
// pattern compiled once, its resolver called as MSW would call it. The others go to MSW's `getResponse`,
// a run of them at a time. So a request to a simulator pays no path compilation, cookie parsing or
// AbortController per handler tried (a simulator GET went from ~3,300 to ~12,000 a second:
// bench/simulators.ts).
import { getResponse, type RequestHandler } from "msw";
import { requestUrlOf, shortcutOf, type RequestUrl } from "./direct-answer.ts";

export function fetchFromHandlers(
  handlers: readonly RequestHandler[],
): (request: Request) => Promise<Response> {
  // Each step is one of the kit's handlers, or a run of others for MSW to try in order.
  const steps: (RequestHandler[] | NonNullable<ReturnType<typeof shortcutOf>>)[] = [];
  for (const handler of handlers) {
    const shortcut = shortcutOf(handler);
    const last = steps.at(-1);
    if (shortcut) steps.push(shortcut);
    else if (Array.isArray(last)) last.push(handler);
    else steps.push([handler]);
  }
  return async (request) => {
    let url: RequestUrl | undefined;
    for (const step of steps) {
      const response = Array.isArray(step)
        ? await getResponse(step, request)
        : await step(request, (url ??= requestUrlOf(request)));
      if (response) return response;
    }
    // As MSW's onUnhandledRequest: "error": a request no handler knows is a bug in the caller.
    throw new TypeError(`no simulator handler for ${request.method} ${request.url}`);
  };
}
