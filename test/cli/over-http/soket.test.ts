import { overHttp } from "./run.ts";

overHttp("soket");
