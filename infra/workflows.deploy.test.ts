import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { parse } from "yaml";

/** The CI workflow runs what .ci/run runs, and the image check; the deploy sketch migrates before it rolls out. */

const read = (name: string) => readFileSync(fileURLToPath(new URL(`../.github/workflows/${name}`, import.meta.url)), "utf8");
type Workflow = { jobs: Record<string, { steps: { run?: string; name?: string }[]; needs?: string | string[]; services?: Record<string, unknown> }> };
const runs = (w: Workflow, job: string) => w.jobs[job]!.steps.flatMap((s) => (s.run ? [s.run] : []));

it("ci.yml runs npm test with PostgreSQL and Redis services, and builds the images in a job of its own", () => {
  const ci = parse(read("ci.yml")) as Workflow;
  expect(runs(ci, "test")).toContain("npm test");
  expect(Object.keys(ci.jobs.test!.services!).sort()).toEqual(["postgres", "redis"]);
  expect(runs(ci, "images").join("\n")).toContain("npm run check:images");
  const scripts = (JSON.parse(readFileSync(fileURLToPath(new URL("../package.json", import.meta.url)), "utf8")) as { scripts: Record<string, string> }).scripts;
  for (const script of ["test", "check:images"]) expect(scripts[script]).toBeTruthy();
});

it("deploy.yml promotes one image through staging to each production region, migrating first", () => {
  const deploy = parse(read("deploy.yml")) as Workflow;
  expect(deploy.jobs.staging!.needs).toBe("image");
  expect(deploy.jobs.production!.needs).toBe("staging");
  for (const job of ["staging", "production"]) {
    const script = runs(deploy, job).join("\n");
    expect(script.indexOf("job/migrate")).toBeGreaterThan(-1);
    expect(script.indexOf("job/migrate")).toBeLessThan(script.lastIndexOf("kubectl apply -k ."));
  }
});
