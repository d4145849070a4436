import { Link, useNavigate } from "react-router";
import { useEffect, useRef, type ReactNode } from "react";
import { useT } from "~/utils/i18n-hooks";

/**
 * A customer's card or its edit form, at its own URL. Opened from the list
 * with JavaScript, it is a modal <dialog> over the list: focus moves in,
 * Escape and "Close" go back to the list, and the list puts focus back on the
 * customer's name. Loaded as a page (no JavaScript, or a shared link), it is
 * a page of its own with an h1 and a way back.
 */
export function DialogOrPage({
  asDialog,
  title,
  backTo,
  focusCustomerId,
  children,
}: {
  asDialog: boolean;
  title: string;
  /** The list URL (with its search) to go back to. */
  backTo: string;
  focusCustomerId: number;
  children: ReactNode;
}) {
  const t = useT();
  const navigate = useNavigate();
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (asDialog && dialog && !dialog.open) dialog.showModal();
  }, [asDialog]);

  if (!asDialog) {
    return (
      <div className="max-w-2xl">
        <p className="mb-4">
          {/* The list route loads its list again on the way back (routes/customers.tsx). */}
          <Link to={backTo}>
            {t("contact.backToList")}
          </Link>
        </p>
        <h1 className="mb-6 text-3xl font-bold">{title}</h1>
        {children}
      </div>
    );
  }

  const close = () =>
    navigate(backTo, { preventScrollReset: true, state: { focusCustomer: focusCustomerId } });

  return (
    <dialog
      ref={ref}
      aria-labelledby="dialog-title"
      className="w-[min(40rem,calc(100vw-2rem))] rounded border-2 border-slate-800 p-0 text-slate-900 backdrop:bg-slate-900/60"
      onCancel={(event) => {
        // Escape: leave through the router so the URL and focus follow.
        event.preventDefault();
        close();
      }}
    >
      <div className="p-6">
        <div className="mb-4 flex items-start justify-between gap-4">
          <h2 id="dialog-title" className="text-2xl font-bold">
            {title}
          </h2>
          <button type="button" className="button-secondary" onClick={close}>
            {t("common.close")}
          </button>
        </div>
        {children}
      </div>
    </dialog>
  );
}
