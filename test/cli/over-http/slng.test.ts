import { overHttp } from "./run.ts";

overHttp("slng");
