import { overHttp } from "./run.ts";

overHttp("sofer");
