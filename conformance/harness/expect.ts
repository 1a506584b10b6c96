// The assertions conformance checks use: Jest-style `expect` (vitest's own matchers, @vitest/expect, on
// chai), so the same checks run inside vitest and from the `batchspec` CLI, where no test framework is.
import { JestAsymmetricMatchers, JestChaiExpect, JestExtend, type ExpectStatic } from "@vitest/expect";
import * as chai from "chai";

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

/** `expect(value, message?)` with vitest's matchers (`toBe`, `toEqual`, `toMatchObject`, ...). */
export const expect = chai.expect as unknown as ExpectStatic;
