import { fuzzTests } from "./suite.ts";

fuzzTests("zoom-scribe");
