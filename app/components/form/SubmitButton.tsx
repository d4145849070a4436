import { useNavigation } from "react-router";
import type { ButtonHTMLAttributes } from "react";

/**
 * A submit button that, with JavaScript, shows that its form is being sent
 * (aria-disabled, not disabled, so focus stays on it).
 */
export function SubmitButton({
  children,
  className = "button",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement>) {
  const navigation = useNavigation();
  const pending =
    navigation.state === "submitting" &&
    (props.value === undefined || navigation.formData?.get(String(props.name)) === props.value);
  return (
    <button
      type="submit"
      {...props}
      className={`${className} ${pending ? "opacity-70" : ""}`}
      aria-disabled={pending || undefined}
      onClick={(event) => {
        if (pending) event.preventDefault();
        props.onClick?.(event);
      }}
    >
      {children}
    </button>
  );
}
