import type { Metadata } from "next";
import Link from "next/link";
import { describeSpecialDay } from "@/lib/agents/scheduler/calendar";
import { formatPercent } from "@/lib/agents/scheduler/forecast";
import { localDate } from "@/lib/analytics/time";
import { forecastAccuracy, staffingPlan } from "@/lib/agents/scheduler/plan-view";
import { STATION_LABELS, UTILISATION } from "@/lib/agents/scheduler/staffing";
import { db } from "@/lib/db";
import { shopSpecialDays } from "@/lib/shops/special-days";
import { managerAccess } from "../_components/manager-access";
import { ManagerFrame } from "../_components/manager-frame";
import { SpecialDays } from "./special-days";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Staffing plan · Manager", robots: { index: false } };

type Props = { params: Promise<{ shop: string }> };

const dayLabel = new Intl.DateTimeFormat("en-US", { weekday: "long", month: "long", day: "numeric", timeZone: "UTC" });
const formatDay = (date: string) => dayLabel.format(new Date(`${date}T12:00:00Z`));
const seconds = (s: number) => (s >= 60 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${Math.round(s)} s`);
const th = "py-1 pr-3 font-semibold";

/** /manager/:shop/staffing — the scheduler agent's forecast and staffing plan, and how its past forecasts did. */
export default async function ManagerStaffingPage({ params }: Props) {
  const access = await managerAccess((await params).shop, "staff:manage", "staffing");
  if (!access.ok) return access.page;
  const { id: shopId, timezone } = access.shop;
  const today = localDate(new Date(), timezone);
  const [plan, accuracy, specialDays] = await Promise.all([staffingPlan(db(), shopId, timezone), forecastAccuracy(db(), shopId, timezone), shopSpecialDays(db(), shopId, today)]);
  const run = plan.run?.output;
  // The special days as the forecast applied them (its level, entered or learned); the calendar is the source.
  const applied = new Map((run?.specialDays ?? []).map((d) => [d.date, d]));
  const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: timezone });

  return (
    <ManagerFrame shop={access.shop} tab="agents">
      <div id="staffing">
      <p className="text-sm">
        <Link href={`/manager/${access.shop.slug}/agents`} className="font-semibold underline">
          ← Agents
        </Link>
      </p>
      <section aria-labelledby="plan-heading" className="mt-3">
        <h2 id="plan-heading" className="text-xl font-bold">
          Staffing plan
        </h2>
        {!run || !plan.run ? (
          <p className="mt-2 text-sm text-espresso/80">No forecast yet: the scheduler agent makes one for every shop when it starts and then each morning.</p>
        ) : (
          <>
            <p className="mt-2">{run.explanation}</p>
            <p className="mt-1 text-sm text-espresso/80">
              Forecast made {when.format(plan.run.at)} by the scheduler agent from the last 6 weeks of orders (weekday × hour pattern with the recent trend; the special days below left
              out of both and forecast at their level). Text written by{" "}
              {run.explainedBy === "rules" ? "rules (no language model)" : `${run.explainedBy} (a language model; the numbers are the forecast’s)`}.
            </p>
            <p className="mt-1 text-sm text-espresso/80">
              Work per order{" "}
              {run.workSource === "measured" ? `measured from ${run.measuredOrders} orders made in the last 6 weeks` : "from the menu’s prep times (too few orders measured yet)"}:{" "}
              {Object.entries(STATION_LABELS)
                .map(([station, label]) => `${label} ${seconds(run.workSecondsPerOrder[station as keyof typeof STATION_LABELS])}`)
                .join(" · ")}
              . Assumes a barista is busy at most {Math.round(UTILISATION * 100)} % of an hour; one barista can cover light stations, so the total can be below the stations’ sum.
            </p>
          </>
        )}
        {plan.days.map((day) => {
          const hours = day.hours.filter((h) => h.total > 0 || h.orders >= 0.5);
          const special = applied.get(day.date);
          return (
            <section key={day.date} aria-labelledby={`day-${day.date}`} className="mt-6">
              <h3 id={`day-${day.date}`} className="text-lg font-bold">
                {formatDay(day.date)}
                {special ? <span className="ml-2 rounded-full bg-crema/30 px-2 py-0.5 text-sm font-semibold">{special.name}</span> : null}
              </h3>
              {special ? <p className="mt-1 text-sm text-espresso/80" data-testid="special-day-note">{describeSpecialDay(special)}.</p> : null}
              {hours.length === 0 ? (
                special?.closed ? null : <p className="mt-1 text-sm text-espresso/80">Closed; no orders expected.</p>
              ) : (
                <div className="mt-2 overflow-x-auto">
                  <table className="w-full text-sm">
                    <caption className="sr-only">Staffing plan for {formatDay(day.date)}</caption>
                    <thead>
                      <tr className="text-left text-xs text-espresso/80">
                        <th scope="col" className={th}>
                          Hour
                        </th>
                        <th scope="col" className={th}>
                          Orders forecast
                        </th>
                        <th scope="col" className={th}>
                          Same hour last week
                        </th>
                        <th scope="col" className={th}>
                          Espresso bar
                        </th>
                        <th scope="col" className={th}>
                          Brew
                        </th>
                        <th scope="col" className={th}>
                          Food
                        </th>
                        <th scope="col" className="py-1 font-semibold">
                          Baristas in total
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {hours.map((h) => (
                        <tr key={h.hour} className="border-t border-espresso/8">
                          <th scope="row" className="py-1.5 pr-3 text-left font-semibold">
                            {h.hour.slice(11)}
                          </th>
                          <td className="py-1.5 pr-3">{Math.round(h.orders)}</td>
                          <td className="py-1.5 pr-3">{h.lastWeek}</td>
                          <td className="py-1.5 pr-3">{h.espressoBar}</td>
                          <td className="py-1.5 pr-3">{h.brew}</td>
                          <td className="py-1.5 pr-3">{h.food}</td>
                          <td className="py-1.5 font-semibold">{h.total}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          );
        })}
      </section>

      <section aria-labelledby="special-days-heading" className="mt-10">
        <h2 id="special-days-heading" className="text-xl font-bold">
          Special days
        </h2>
        <SpecialDays shopSlug={access.shop.slug} today={today} days={specialDays} />
      </section>

      <section aria-labelledby="accuracy-heading" className="mt-10">
        <h2 id="accuracy-heading" className="text-xl font-bold">
          Forecast against actual
        </h2>
        <p className="mt-1 text-sm text-espresso/80">
          Each finished hour is compared with the forecast stored before it began, beside the simplest alternative: the same hour a week before. The error is the mean absolute
          percentage error (MAPE) over the hours that had orders; lower is better.
        </p>
        {accuracy.hours === 0 ? (
          <p className="mt-2 text-sm text-espresso/80">No finished hours with a stored forecast yet: the comparison starts once the first forecast’s hours have passed.</p>
        ) : (
          <>
            <p className="mt-2 font-semibold">
              Last 7 days, {accuracy.hours} hours: forecast error {formatPercent(accuracy.mape)}; same hour last week {formatPercent(accuracy.naiveMape)}.
            </p>
            <div className="mt-2 overflow-x-auto">
              <table className="w-full text-sm">
                <caption className="sr-only">Forecast against actual by day</caption>
                <thead>
                  <tr className="text-left text-xs text-espresso/80">
                    <th scope="col" className={th}>
                      Day
                    </th>
                    <th scope="col" className={th}>
                      Hours compared
                    </th>
                    <th scope="col" className={th}>
                      Orders forecast
                    </th>
                    <th scope="col" className={th}>
                      Actual orders
                    </th>
                    <th scope="col" className={th}>
                      Forecast error (MAPE)
                    </th>
                    <th scope="col" className="py-1 font-semibold">
                      Same hour last week (MAPE)
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {accuracy.days.map((d) => (
                    <tr key={d.date} className="border-t border-espresso/8">
                      <th scope="row" className="py-1.5 pr-3 text-left font-semibold">
                        {formatDay(d.date)}
                      </th>
                      <td className="py-1.5 pr-3">{d.hours}</td>
                      <td className="py-1.5 pr-3">{Math.round(d.forecast)}</td>
                      <td className="py-1.5 pr-3">{d.actual}</td>
                      <td className="py-1.5 pr-3">{formatPercent(d.mape)}</td>
                      <td className="py-1.5">{formatPercent(d.naiveMape)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
      </div>
    </ManagerFrame>
  );
}
