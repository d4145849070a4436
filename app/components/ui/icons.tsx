import sprite from "./icons.svg";

/**
 * Small SVG icons (SPEC §5: no icon fonts). Every shape is drawn once, in
 * icons.svg, a fingerprinted file under /build cached for a year; each icon
 * is a `<use>` of one of its symbols: neither the page's HTML nor its
 * JavaScript carries the paths (docs/performance.md), and the one request for
 * the file is made once per browser. Each icon is decorative (aria-hidden)
 * next to text that says the same, except where a name is given: then it is
 * an image with that accessible name. The Customers list draws its license
 * and sort icons by CSS instead (app/tailwind.css, `.lic-*`, `.sort-*`).
 */
type IconProps = { label?: string; className?: string };

type IconName = "dollar" | "check" | "clock" | "cross" | "ban";

/**
 * One icon: a `<use>` of its symbol. No viewBox (the symbol has it, and the
 * `icon` class sizes the box) and no `focusable` (only Internet Explorer
 * needed it): fewer bytes on pages with many icons.
 */
function Icon({ name, label, className = "icon" }: IconProps & { name: IconName }) {
  const use = <use href={`${sprite}#i-${name}`} />;
  return label ? (
    <svg className={className} role="img" aria-label={label}>
      <title>{label}</title>
      {use}
    </svg>
  ) : (
    <svg className={className} aria-hidden="true">
      {use}
    </svg>
  );
}

export const DollarIcon = (props: IconProps) => <Icon name="dollar" {...props} />;
export const CheckIcon = (props: IconProps) => <Icon name="check" {...props} />;
export const ClockIcon = (props: IconProps) => <Icon name="clock" {...props} />;
export const CrossIcon = (props: IconProps) => <Icon name="cross" {...props} />;
export const BanIcon = (props: IconProps) => <Icon name="ban" {...props} />;

