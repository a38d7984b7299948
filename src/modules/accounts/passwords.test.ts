import { describe, expect, it } from "vitest";
import { assertStrongPassword, passwordProblem } from "./passwords.ts";

describe("password rules", () => {
  it("needs 12 characters", () => {
    expect(passwordProblem("short pass")).toBe("too_short");
    expect(passwordProblem("a much longer passphrase")).toBeUndefined();
  });

  it("refuses a common password whatever its case", () => {
    expect(passwordProblem("password1234")).toBe("common");
    expect(passwordProblem("PassWord1234")).toBe("common");
  });

  it("refuses the email, its local part or the organisation's name", () => {
    const context = { email: "amina.hotline@example.org", organisationName: "Safe Harbour Network" };
    expect(passwordProblem("Amina.Hotline@example.org", context)).toBe("personal");
    expect(passwordProblem("amina.hotline", context)).toBe("personal");
    expect(passwordProblem("safe harbour network", context)).toBe("personal");
    expect(passwordProblem("SafeHarbourNetwork", context)).toBe("personal");
    expect(passwordProblem("harbour lights at dawn", context)).toBeUndefined();
  });

  it("throws weak_password with the problem for the field", () => {
    expect(() => assertStrongPassword("qwertyuiop123")).toThrowError(/common passwords/);
    try {
      assertStrongPassword("tiny");
    } catch (error) {
      expect(error).toMatchObject({ id: "weak_password", status: 400, details: [{ code: "too_short" }] });
    }
  });
});
