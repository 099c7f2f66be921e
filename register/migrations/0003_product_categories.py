"""Excise product categories: EMCS code list BC66, labels in French."""

from django.db import migrations

# BC66 (codelists.json): B Beer, E Energy Products, I Intermediate products, S Ethyl alcohol and
# spirits, T Manufactured tobacco products, W Wine and fermented beverages other than wine and beer.
CATEGORIES = {
    "B": "Bières",
    "E": "Produits énergétiques",
    "I": "Produits intermédiaires",
    "S": "Alcools",
    "T": "Tabacs manufacturés",
    "W": "Vins et boissons fermentées",
}


def seed_categories(apps, schema_editor):
    ProductCategory = apps.get_model("register", "ProductCategory")
    for code, label in CATEGORIES.items():
        ProductCategory.objects.update_or_create(code=code, defaults={"label": label})


class Migration(migrations.Migration):
    dependencies = [("register", "0002_sirene_import_columns")]

    operations = [migrations.RunPython(seed_categories, migrations.RunPython.noop)]
