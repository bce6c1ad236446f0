// The model and schema as the page receives them, read from the repository's own files.

import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = new URL("../../", import.meta.url);
export const FIXTURES = fileURLToPath(new URL("tests/fixtures/assessments/", root));
export const schema = JSON.parse(readFileSync(new URL("data/schemas/assessment.schema.json", root), "utf8"));

// The area ids the example files use; tests/test_report.py checks they are the shipped model's.
export const AREA_IDS = JSON.parse(readFileSync(`${FIXTURES}areas.json`, "utf8"));
// Some practice ids of those areas, which the examples tick; tests/test_report.py checks them too.
const PRACTICES = JSON.parse(readFileSync(`${FIXTURES}practices.json`, "utf8"));

export const model = {
  title: "Async communications maturity model",
  version: "1.0.0",
  schema,
  file_max: 1_000_000,
  link_max: 2000,
  levels: ["Unaware", "Initial", "Defined", "Optimizing"].map((name, id) => ({ id, name })),
  areas: AREA_IDS.map((id) => ({ id, title: id, cells: [{ practices: (PRACTICES[id] ?? []).map((p) => ({ id: p, text: p })) }] })),
};

/** An area's two levels alone, to compare with {current, target}. */
export const levels = ({ current, target }) => ({ current, target });

export const fixtures = () => readdirSync(FIXTURES).filter((name) => /^(in)?valid-.*\.json$/u.test(name));
