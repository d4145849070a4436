/**
 * Small SVG icons (SPEC §5: no icon fonts, no image requests). Every shape is
 * drawn once per document, in the sprite that the root layout renders
 * (`IconSprite`); each icon is then a `<use>` of it: a list of 50 rows with
 * three license icons each carries 150 short references instead of 150 copies
 * of the paths (docs/performance.md). Each icon is decorative (aria-hidden)
 * next to text that says the same, except where a name is given: then it is
 * an image with that accessible name. The Customers list draws its license
 * and sort icons by CSS instead (app/tailwind.css, `.lic-*`, `.sort-*`).
 */
type IconProps = { label?: string; className?: string };

type IconName = "dollar" | "check" | "clock" | "cross" | "ban";

/**
 * Every icon's shapes, once, as symbols the icons below refer to by id. In
 * the document once (root.tsx), before any icon; zero-sized and hidden from
 * assistive technologies.
 */
export function IconSprite() {
  return (
    <svg width="0" height="0" className="absolute" aria-hidden="true" focusable="false">
      <symbol id="i-dollar" viewBox="0 0 16 16">
        <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path d="M10.4 5.6c-.4-.7-1.3-1.1-2.4-1.1-1.4 0-2.4.7-2.4 1.7 0 2.4 5 1.3 5 3.7 0 1-1.1 1.7-2.6 1.7-1.1 0-2-.4-2.5-1.1M8 3.3v9.4" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
      </symbol>
      <symbol id="i-check" viewBox="0 0 16 16">
        <path d="M2.5 8.5l3.5 3.5 7.5-8" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
      </symbol>
      <symbol id="i-clock" viewBox="0 0 16 16">
        <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path d="M8 4.5V8l2.5 1.8" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      </symbol>
      <symbol id="i-cross" viewBox="0 0 16 16">
        <path d="M3.5 3.5l9 9m0-9l-9 9" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </symbol>
      <symbol id="i-ban" viewBox="0 0 16 16">
        <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
        <path d="M3.5 12.5l9-9" fill="none" stroke="currentColor" strokeWidth="1.6" />
      </symbol>
    </svg>
  );
}

/**
 * One icon: a `<use>` of its symbol. No viewBox (the symbol has it, and the
 * `icon` class sizes the box) and no `focusable` (only Internet Explorer
 * needed it): fewer bytes on pages with many icons.
 */
function Icon({ name, label, className = "icon" }: IconProps & { name: IconName }) {
  const use = <use href={`#i-${name}`} />;
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

