/**
 * Small inline SVG icons (SPEC §5: no icon fonts, no image requests). Each is
 * decorative (aria-hidden) next to text that says the same, except where a
 * name is given: then it is an image with that accessible name.
 */
type IconProps = { label?: string; className?: string };

function Svg({ label, className = "icon", children }: IconProps & { children: React.ReactNode }) {
  return label ? (
    <svg viewBox="0 0 16 16" className={className} role="img" aria-label={label} focusable="false">
      <title>{label}</title>
      {children}
    </svg>
  ) : (
    <svg viewBox="0 0 16 16" className={className} aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export function DollarIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M10.4 5.6c-.4-.7-1.3-1.1-2.4-1.1-1.4 0-2.4.7-2.4 1.7 0 2.4 5 1.3 5 3.7 0 1-1.1 1.7-2.6 1.7-1.1 0-2-.4-2.5-1.1M8 3.3v9.4" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
    </Svg>
  );
}

export function CheckIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M2.5 8.5l3.5 3.5 7.5-8" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </Svg>
  );
}

export function ClockIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M8 4.5V8l2.5 1.8" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </Svg>
  );
}

export function CrossIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M3.5 3.5l9 9m0-9l-9 9" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </Svg>
  );
}

export function BanIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M3.5 12.5l9-9" fill="none" stroke="currentColor" strokeWidth="1.6" />
    </Svg>
  );
}

export function SortIcon({ direction, ...props }: IconProps & { direction: "asc" | "desc" | "none" }) {
  return (
    <Svg {...props}>
      {direction !== "desc" ? <path d="M4.5 6.5L8 3l3.5 3.5" fill="none" stroke="currentColor" strokeWidth="1.6" /> : null}
      {direction !== "asc" ? <path d="M4.5 9.5L8 13l3.5-3.5" fill="none" stroke="currentColor" strokeWidth="1.6" /> : null}
    </Svg>
  );
}
