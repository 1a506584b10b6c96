import { fuzzTests } from "./suite.ts";

fuzzTests("slng");
