import type { ButtonHTMLAttributes } from 'react';

/**
 * Portolan's buttons: `secondary` for most controls, `danger` for one that removes or disconnects, `primary` for
 * the one thing a panel offers to do, `quiet` beside text (the lesson's). Every one shows the same focus ring,
 * so a keyboard user always sees where they are.
 */
export type ButtonVariant = 'secondary' | 'danger' | 'primary' | 'quiet';

const FOCUS_RING = 'focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-amber-500';
const DISABLED = 'disabled:cursor-not-allowed disabled:opacity-50';
const SECONDARY =
  'rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800';

const VARIANTS: Record<ButtonVariant, string> = {
  secondary: SECONDARY,
  danger: SECONDARY.replace('text-slate-700', 'text-rose-700').replace('dark:text-slate-200', 'dark:text-rose-300'),
  primary: 'rounded-md bg-teal-700 px-3 py-1 font-semibold text-white shadow-sm hover:bg-teal-800',
  quiet: 'rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800',
};

/** The classes of a button of this variant, for an element that must stay a link or a summary. */
export function buttonClass(variant: ButtonVariant = 'secondary', extra = ''): string {
  return [VARIANTS[variant], FOCUS_RING, DISABLED, extra].filter(Boolean).join(' ');
}

export function Button({
  variant = 'secondary',
  className = '',
  type = 'button',
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  return <button type={type} className={buttonClass(variant, className)} {...props} />;
}
