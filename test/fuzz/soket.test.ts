import { fuzzTests } from "./suite.ts";

fuzzTests("soket");
