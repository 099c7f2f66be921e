"""The data groups several EMCS messages share (traders, offices, goods lines, transport …).

Each dataclass is one complex type of the schemas, its fields in the schema's order; the
messages' own modules (``ie815``, ``ie801`` …) assemble them. Field names are the XML names in
snake case, so ``TraderExciseNumber`` is ``trader_excise_number``."""

# ruff: noqa: RUF009 - element(), group() … return dataclasses.field() carrying the XML binding

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from emcs.messages.binding import attribute, codes, element, group, groups, language_of


@dataclass(kw_only=True)
class ConsigneeTrader:
    """(CONSIGNEE) TRADER; also IE813's NewConsigneeTrader."""

    language: str | None = attribute()
    traderid: str | None = element("Traderid")
    trader_name: str = element("TraderName", required=True)
    street_name: str = element("StreetName", required=True)
    street_number: str | None = element("StreetNumber")
    postcode: str = element("Postcode", required=True)
    city: str = element("City", required=True)
    eori_number: str | None = element("EoriNumber")


@dataclass(kw_only=True)
class ConsignorTrader:
    """(CONSIGNOR) TRADER: always identified by its excise number."""

    language: str | None = attribute()
    trader_excise_number: str = element("TraderExciseNumber", required=True)
    trader_name: str = element("TraderName", required=True)
    street_name: str = element("StreetName", required=True)
    street_number: str | None = element("StreetNumber")
    postcode: str = element("Postcode", required=True)
    city: str = element("City", required=True)


@dataclass(kw_only=True)
class PlaceOfDispatchTrader:
    """(PLACE OF DISPATCH) TRADER: the tax warehouse the goods leave."""

    language: str | None = attribute()
    reference_of_tax_warehouse: str | None = element("ReferenceOfTaxWarehouse")
    trader_name: str | None = element("TraderName")
    street_name: str | None = element("StreetName")
    street_number: str | None = element("StreetNumber")
    postcode: str | None = element("Postcode")
    city: str | None = element("City")


@dataclass(kw_only=True)
class DeliveryPlaceTrader:
    """(DELIVERY PLACE) TRADER."""

    language: str | None = attribute()
    traderid: str | None = element("Traderid")
    trader_name: str | None = element("TraderName")
    street_name: str | None = element("StreetName")
    street_number: str | None = element("StreetNumber")
    postcode: str | None = element("Postcode")
    city: str | None = element("City")


@dataclass(kw_only=True)
class TransportTrader:
    """(TRANSPORT ARRANGER) TRADER and (FIRST TRANSPORTER) TRADER; IE813's new ones too."""

    language: str | None = attribute()
    vat_number: str | None = element("VatNumber")
    trader_name: str = element("TraderName", required=True)
    street_name: str = element("StreetName", required=True)
    street_number: str | None = element("StreetNumber")
    postcode: str = element("Postcode", required=True)
    city: str = element("City", required=True)


@dataclass(kw_only=True)
class GuarantorTrader:
    """(GUARANTOR) TRADER — note the schema's order: City before Postcode, VAT number last."""

    language: str | None = attribute()
    trader_excise_number: str | None = element("TraderExciseNumber")
    trader_name: str | None = element("TraderName")
    street_name: str | None = element("StreetName")
    street_number: str | None = element("StreetNumber")
    city: str | None = element("City")
    postcode: str | None = element("Postcode")
    vat_number: str | None = element("VatNumber")


@dataclass(kw_only=True)
class Office:
    """A customs office by its reference number (``FR000690``)."""

    reference_number: str = element("ReferenceNumber", required=True)


@dataclass(kw_only=True)
class ComplementConsigneeTrader:
    member_state_code: str = element("MemberStateCode", required=True)
    serial_number_of_certificate_of_exemption: str | None = element("SerialNumberOfCertificateOfExemption")


@dataclass(kw_only=True)
class DocumentCertificate:
    document_type: str | None = element("DocumentType")
    document_reference: str | None = element("DocumentReference")
    document_description: str | None = element("DocumentDescription", language="document_description_language")
    document_description_language: str | None = language_of()
    reference_of_document: str | None = element("ReferenceOfDocument", language="reference_of_document_language")
    reference_of_document_language: str | None = language_of()


@dataclass(kw_only=True)
class TransportMode:
    transport_mode_code: str = element("TransportModeCode", required=True)
    complementary_information: str | None = element(
        "ComplementaryInformation", language="complementary_information_language"
    )
    complementary_information_language: str | None = language_of()


@dataclass(kw_only=True)
class MovementGuarantee:
    guarantor_type_code: str = element("GuarantorTypeCode", required=True)
    guarantor_traders: list[GuarantorTrader] = groups("GuarantorTrader")


@dataclass(kw_only=True)
class Package:
    kind_of_packages: str = element("KindOfPackages", required=True)
    number_of_packages: int | None = element("NumberOfPackages")
    shipping_marks: str | None = element("ShippingMarks")
    commercial_seal_identification: str | None = element("CommercialSealIdentification")
    seal_information: str | None = element("SealInformation", language="seal_information_language")
    seal_information_language: str | None = language_of()


@dataclass(kw_only=True)
class WineProduct:
    wine_product_category: int = element("WineProductCategory", required=True)
    wine_growing_zone_code: str | None = element("WineGrowingZoneCode")
    third_country_of_origin: str | None = element("ThirdCountryOfOrigin")
    other_information: str | None = element("OtherInformation", language="other_information_language")
    other_information_language: str | None = language_of()
    wine_operation_codes: list[str] = codes("WineOperation", "WineOperationCode")


@dataclass(kw_only=True)
class BodyEadEsad:
    """One goods line of the e-AD / e-SAD."""

    body_record_unique_reference: int = element("BodyRecordUniqueReference", required=True)
    excise_product_code: str = element("ExciseProductCode", required=True)
    cn_code: str = element("CnCode", required=True)
    quantity: Decimal = element("Quantity", required=True)
    gross_mass: Decimal = element("GrossMass", required=True)
    net_mass: Decimal = element("NetMass", required=True)
    alcoholic_strength_by_volume_in_percentage: Decimal | None = element("AlcoholicStrengthByVolumeInPercentage")
    degree_plato: Decimal | None = element("DegreePlato")
    fiscal_mark: str | None = element("FiscalMark", language="fiscal_mark_language")
    fiscal_mark_language: str | None = language_of()
    fiscal_mark_used_flag: bool | None = element("FiscalMarkUsedFlag")
    designation_of_origin: str | None = element("DesignationOfOrigin", language="designation_of_origin_language")
    designation_of_origin_language: str | None = language_of()
    size_of_producer: int | None = element("SizeOfProducer")
    density: Decimal | None = element("Density")
    commercial_description: str | None = element("CommercialDescription", language="commercial_description_language")
    commercial_description_language: str | None = language_of()
    brand_name_of_products: str | None = element("BrandNameOfProducts", language="brand_name_of_products_language")
    brand_name_of_products_language: str | None = language_of()
    maturation_period_or_age_of_products: str | None = element(
        "MaturationPeriodOrAgeOfProducts", language="maturation_period_or_age_of_products_language"
    )
    maturation_period_or_age_of_products_language: str | None = language_of()
    independent_small_producers_declaration: str | None = element(
        "IndependentSmallProducersDeclaration", language="independent_small_producers_declaration_language"
    )
    independent_small_producers_declaration_language: str | None = language_of()
    packages: list[Package] = groups("Package")
    wine_product: WineProduct | None = group("WineProduct")


@dataclass(kw_only=True)
class TransportDetails:
    transport_unit_code: str = element("TransportUnitCode", required=True)
    identity_of_transport_units: str | None = element("IdentityOfTransportUnits")
    commercial_seal_identification: str | None = element("CommercialSealIdentification")
    complementary_information: str | None = element(
        "ComplementaryInformation", language="complementary_information_language"
    )
    complementary_information_language: str | None = language_of()
    seal_information: str | None = element("SealInformation", language="seal_information_language")
    seal_information_language: str | None = language_of()


@dataclass(kw_only=True)
class ExciseMovement:
    """The movement a follow-up message (IE818, IE819, IE837, IE871) is about."""

    administrative_reference_code: str = element("AdministrativeReferenceCode", required=True)
    sequence_number: int = element("SequenceNumber", required=True)
