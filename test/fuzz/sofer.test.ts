import { fuzzTests } from "./suite.ts";

fuzzTests("sofer");
