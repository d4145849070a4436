import { describe, expect, it } from "vitest";
import { MAX_CHOSEN, isCustomerAccessDraft, readCustomerAccessDraft } from "~/schemas/customer-access";

const read = (query: string) => readCustomerAccessDraft(new URLSearchParams(query));

describe("the customer-access picker's draft", () => {
  it("reads the chosen groups and customers, each id once, and the search", () => {
    expect(read("access=chosen&groupIds=3&groupIds=3&customerIds=7&customerIds=9&customerSearch=%20hoo%20")).toEqual({
      access: "chosen",
      groupIds: [3],
      customerIds: [7, 9],
      search: "hoo",
    });
  });

  it("adds the customer of an \"Add\" button and means chosen access, whatever was ticked", () => {
    expect(read("access=all&customerIds=7&addCustomer=9")).toMatchObject({ access: "chosen", customerIds: [7, 9] });
  });

  it("takes out the customer of a \"Remove\" button", () => {
    expect(read("access=chosen&customerIds=7&customerIds=9&removeCustomer=7").customerIds).toEqual([9]);
  });

  it("leaves out what is not an id, and an access that means nothing", () => {
    expect(read("access=everything&groupIds=-1&groupIds=abc&customerIds=0&customerIds=1e3&customerIds=99999999999999999")).toEqual({
      access: null,
      groupIds: [],
      customerIds: [],
      search: "",
    });
  });

  it("reads a form's fields as an address's", () => {
    const form = new FormData();
    form.append("access", "all");
    form.append("customerIds", "4");
    form.append("groupIds", new Blob(["x"]));
    expect(readCustomerAccessDraft(form)).toEqual({ access: "all", groupIds: [], customerIds: [4], search: "" });
  });

  it("reads at most MAX_CHOSEN ids and cuts a long search", () => {
    const many = Array.from({ length: MAX_CHOSEN + 50 }, (_, i) => `customerIds=${i + 1}`).join("&");
    const draft = read(`${many}&customerSearch=${"x".repeat(500)}`);
    expect(draft.customerIds).toHaveLength(MAX_CHOSEN);
    expect(draft.search.length).toBe(100);
  });

  it("knows an address made by the picker's buttons", () => {
    expect(isCustomerAccessDraft(new URLSearchParams("draft=1&role=admin"))).toBe(true);
    expect(isCustomerAccessDraft(new URLSearchParams("role=admin"))).toBe(false);
  });
});
