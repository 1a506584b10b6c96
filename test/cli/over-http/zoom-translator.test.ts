import { overHttp } from "./run.ts";

overHttp("zoom-translator");
