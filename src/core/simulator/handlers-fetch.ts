// A fetch answered by MSW handlers directly, with no global interception: hand it to a client's
// `fetch` option to run against a simulator in a test, a script or a browser.
import { getResponse, type RequestHandler } from "msw";

export function fetchFromHandlers(
  handlers: readonly RequestHandler[],
): (request: Request) => Promise<Response> {
  return async (request) => {
    const response = await getResponse([...handlers], request);
    if (!response) {
      // As MSW's onUnhandledRequest: "error": a request no handler knows is a bug in the caller.
      throw new TypeError(`no simulator handler for ${request.method} ${request.url}`);
    }
    return response;
  };
}
