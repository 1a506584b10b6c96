import { fuzzTests } from "./suite.ts";

fuzzTests("zoom-translator");
