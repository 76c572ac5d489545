import { canBeMade, describeAllergens, type DietaryTags, type TaggedProduct } from "@/lib/catalog/dietary";
import { Badge } from "@/components/ui/badge";

/**
 * A product's labels as it comes (default options): "Vegan" or "Vegan option" (a choice makes it
 * vegan, e.g. oat milk), "Dairy-free", and what it contains.
 */
export function DietaryLabels({ product, tags }: { product: TaggedProduct; tags: DietaryTags }) {
  const vegan = tags.flags.includes("VEGAN");
  const veganOption = !vegan && canBeMade(product, { flag: "VEGAN" });
  const contains = describeAllergens(tags.allergens);
  return (
    <>
      {vegan ? <Badge tone="success">Vegan</Badge> : veganOption ? <Badge tone="success">Vegan option</Badge> : null}
      {!vegan && !tags.allergens.includes("MILK") ? <Badge tone="neutral">Dairy-free</Badge> : null}
      {contains ? <span className="text-xs text-espresso/70">{contains}</span> : null}
    </>
  );
}

/** The labels of the drink as chosen right now, announced politely as choices change. */
export function ChosenDietaryLabels({ tags }: { tags: DietaryTags }) {
  const vegan = tags.flags.includes("VEGAN");
  const contains = describeAllergens(tags.allergens);
  return (
    <p aria-live="polite" aria-label="Allergens and diet" className="mt-3 flex flex-wrap items-center gap-2 text-sm">
      {vegan ? <Badge tone="success">Vegan</Badge> : tags.flags.includes("VEGETARIAN") ? <Badge tone="neutral">Vegetarian</Badge> : null}
      {!tags.allergens.includes("MILK") ? <Badge tone="neutral">Dairy-free</Badge> : null}
      <span className="text-espresso/75">{contains ? `${contains}.` : "No declared allergens."}</span>
    </p>
  );
}
