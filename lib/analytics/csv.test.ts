import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv";

describe("toCsv", () => {
  it("writes a header row, quotes what needs quoting and ends lines with CRLF", () => {
    const csv = toCsv(
      [
        { name: 'Latte, "large"', n: 3 },
        { name: "=HYPERLINK()", n: -2 },
      ],
      [
        { header: "Product", value: (r) => r.name },
        { header: "Units", value: (r) => r.n },
      ],
    );
    expect(csv).toBe('Product,Units\r\n"Latte, ""large""",3\r\n\'=HYPERLINK(),-2\r\n');
  });
});

describe("csvCell: formula injection (OWASP)", () => {
  it("prefixes every formula trigger at the start of a text cell with a single quote", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+1+cmd|' /C calc'!A0")).toBe("'+1+cmd|' /C calc'!A0");
    expect(csvCell("-2+3+cmd|' /C calc'!A0")).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(csvCell("@SUM(1+1)")).toBe("'@SUM(1+1)");
    expect(csvCell("\t=1+1")).toBe("'\t=1+1");
    expect(csvCell("\r=1+1")).toBe("\"'\r=1+1\"");
    // A trigger that also needs quoting is neutralised inside the quotes.
    expect(csvCell('=HYPERLINK("http://evil.test","x")')).toBe('"\'=HYPERLINK(""http://evil.test"",""x"")"');
    expect(csvCell("-1,5")).toBe("\"'-1,5\"");
  });

  it("leaves other text alone (a trigger inside the text is no formula)", () => {
    expect(csvCell("Latte")).toBe("Latte");
    expect(csvCell("Out of oat milk = sad")).toBe("Out of oat milk = sad");
    expect(csvCell(" =1")).toBe(" =1");
    expect(csvCell("")).toBe("");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("keeps numbers numbers: number values and plain decimal strings are written as they are", () => {
    expect(csvCell(-2)).toBe("-2");
    expect(csvCell(-0.5)).toBe("-0.5");
    expect(csvCell(1234)).toBe("1234");
    expect(csvCell("-12.5")).toBe("-12.5");
    expect(csvCell("+3")).toBe("+3");
    expect(csvCell("0.0")).toBe("0.0");
    // Numbers followed by anything else are text again.
    expect(csvCell("-1e3")).toBe("'-1e3");
    expect(csvCell("-1 + A1")).toBe("'-1 + A1");
  });
});
