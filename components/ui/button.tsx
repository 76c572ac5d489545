import type { ButtonHTMLAttributes } from "react";
import { cn } from "@/lib/ui/cn";
import { ClientButton } from "./client-button";

export type ButtonVariant = "primary" | "secondary" | "ghost" | "danger";
export type ButtonSize = "sm" | "md" | "lg";

const VARIANTS: Record<ButtonVariant, string> = {
  primary: "bg-espresso text-foam shadow-sm hover:bg-espresso/90 disabled:bg-espresso/35 disabled:shadow-none",
  secondary: "bg-white text-espresso ring-1 ring-espresso/15 hover:bg-foam hover:ring-espresso/25 disabled:text-espresso/40",
  ghost: "text-espresso hover:bg-espresso/5 disabled:text-espresso/40",
  danger: "bg-white text-red-700 ring-1 ring-red-700/25 hover:bg-red-50 disabled:text-red-700/40",
};

const SIZES: Record<ButtonSize, string> = {
  sm: "h-9 px-3.5 text-sm gap-1.5",
  md: "h-11 px-5 text-sm gap-2",
  lg: "h-13 px-6 text-base gap-2",
};

/** The classes of a button, for links that look like one. */
export function buttonClasses({ variant = "primary", size = "md", className }: { variant?: ButtonVariant; size?: ButtonSize; className?: string } = {}): string {
  return cn(
    "inline-flex shrink-0 items-center justify-center rounded-full font-semibold whitespace-nowrap transition-colors select-none",
    "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-crema disabled:cursor-not-allowed",
    VARIANTS[variant],
    SIZES[size],
    className,
  );
}

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; size?: ButtonSize };

export function Button({ variant, size, className, type = "button", ...props }: ButtonProps) {
  return <ClientButton type={type} className={buttonClasses({ variant, size, className })} {...props} />;
}
