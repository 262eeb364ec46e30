"""Derive the edition's XSD from its RelaxNG grammar, so that both accept the same documents.

The translation covers the RelaxNG the edition's grammar is written in (see the
conventions at the top of ``schema/edition.rng``): one define per element,
``att.*`` attribute sets, ``data.*`` data types and ``model.*``/``macro.*``
content sets. Anything outside that subset raises ``ValueError`` rather than
producing a schema that might accept other documents.
"""

from __future__ import annotations

from lxml import etree

RNG = "http://relaxng.org/ns/structure/1.0"
XS = "http://www.w3.org/2001/XMLSchema"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_R = f"{{{RNG}}}"


def _xs(tag: str, **attrs: str) -> etree._Element:
    el = etree.Element(f"{{{XS}}}{tag}", nsmap={"xs": XS})
    for key, value in attrs.items():
        el.set(key, value)
    return el


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, f"{{{XS}}}{tag}")
    for key, value in attrs.items():
        el.set(key, value)
    return el


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


class _Converter:
    def __init__(self, grammar: etree._Element):
        self.defines = {d.get("name"): d for d in grammar.iter(_R + "define")}
        self.start = grammar.find(f"{_R}start/{_R}ref").get("name")

    # -- classification ------------------------------------------------
    def kind(self, name: str) -> str:
        body = list(self.defines[name])
        if len(body) == 1 and _local(body[0]) == "element":
            return "element"
        if name.startswith("att."):
            return "attributes"
        if name.startswith("data."):
            return "datatype"
        return "group"

    def has_text(self, node: etree._Element, seen: frozenset = frozenset()) -> bool:
        """Whether a content pattern admits character data (making the element mixed)."""
        for el in node.iter(_R + "text", _R + "ref"):
            if _local(el) == "text" and not self._inside_attribute(el, node):
                return True
            if _local(el) == "ref":
                name = el.get("name")
                if name in seen or self.kind(name) != "group":
                    continue
                if self.has_text(self.defines[name], seen | {name}):
                    return True
        return False

    @staticmethod
    def _inside_attribute(el: etree._Element, stop: etree._Element) -> bool:
        parent = el.getparent()
        while parent is not None and parent is not stop:
            if _local(parent) == "attribute":
                return True
            parent = parent.getparent()
        return False

    # -- simple types --------------------------------------------------
    def simple_type(self, node: etree._Element, attr: etree._Element) -> None:
        """Set the type of ``attr`` (an xs:attribute or xs:element) from an RNG value pattern."""
        tag = _local(node)
        if tag == "text":
            attr.set("type", "xs:string")
        elif tag == "data" and not len(node):
            attr.set("type", f"xs:{node.get('type')}")
        elif tag == "ref":
            attr.set("type", node.get("name"))
        else:
            attr.append(self.anonymous_simple_type(node))

    def anonymous_simple_type(self, node: etree._Element) -> etree._Element:
        st = _xs("simpleType")
        tag = _local(node)
        if tag == "data":
            restriction = _sub(st, "restriction", base=f"xs:{node.get('type')}")
            for param in node.findall(_R + "param"):
                _sub(restriction, param.get("name"), value=param.text)
        elif tag == "choice" and all(_local(c) == "value" for c in node):
            restriction = _sub(st, "restriction", base="xs:token")
            for value in node:
                _sub(restriction, "enumeration", value=value.text or "")
        elif tag == "choice":
            union = _sub(st, "union")
            named = [c for c in node if _local(c) == "data" and not len(c)]
            if named:
                union.set("memberTypes", " ".join(f"xs:{c.get('type')}" for c in named))
            for c in node:
                if c not in named:
                    if _local(c) == "value":
                        inner = _sub(union, "simpleType")
                        _sub(_sub(inner, "restriction", base="xs:string"), "enumeration", value=c.text or "")
                    else:
                        union.append(self.anonymous_simple_type(c))
        elif tag == "list":
            (item,) = [c for c in node.iter() if _local(c) == "data"]
            inner = _sub(st, "restriction")
            lst = _sub(inner, "simpleType")
            _sub(lst, "list", itemType=f"xs:{item.get('type')}")
            _sub(inner, "minLength", value="1")
        else:
            raise ValueError(f"unsupported value pattern <{tag}>")
        return st

    # -- attributes ----------------------------------------------------
    def attributes(self, nodes, parent: etree._Element) -> None:
        for node in nodes:
            tag = _local(node)
            if tag == "ref" and self.kind(node.get("name")) == "attributes":
                _sub(parent, "attributeGroup", ref=node.get("name"))
            elif tag == "optional" and all(_local(c) == "attribute" for c in node):
                for attribute in node:
                    self.attribute(attribute, parent, required=False)
            elif tag == "attribute":
                self.attribute(node, parent, required=True)

    def attribute(self, node: etree._Element, parent: etree._Element, required: bool) -> None:
        name = node.get("name")
        if name.startswith("xml:"):
            attr = _sub(parent, "attribute", ref=name)
        else:
            attr = _sub(parent, "attribute", name=name)
            (value,) = list(node)
            self.simple_type(value, attr)
        if required:
            attr.set("use", "required")

    @staticmethod
    def is_attribute_pattern(node: etree._Element, kind) -> bool:
        tag = _local(node)
        if tag == "attribute":
            return True
        if tag == "optional" and len(node) and all(_local(c) == "attribute" for c in node):
            return True
        return tag == "ref" and kind(node.get("name")) == "attributes"

    # -- content -------------------------------------------------------
    def particle(self, node: etree._Element) -> etree._Element | None:
        """An XSD particle for an RNG content pattern (None for text/empty)."""
        tag = _local(node)
        if tag in ("text", "empty"):
            return None
        if tag == "ref":
            name = node.get("name")
            if self.kind(name) == "element":
                return _xs("element", ref=name)
            if self.kind(name) == "group":
                return _xs("group", ref=name)
            raise ValueError(f"reference to {name} in content")
        if tag in ("optional", "zeroOrMore", "oneOrMore"):
            inner = self.sequence(list(node))
            if inner is None:
                return None
            if tag in ("optional", "zeroOrMore"):
                inner.set("minOccurs", "0")
            if tag in ("zeroOrMore", "oneOrMore"):
                inner.set("maxOccurs", "unbounded")
            return inner
        if tag == "group":
            return self.sequence(list(node), force=True)
        if tag == "choice":
            choice = _xs("choice")
            for child in node:
                p = self.particle(child)
                if p is not None:
                    choice.append(p)
            return choice if len(choice) else None
        raise ValueError(f"unsupported content pattern <{tag}>")

    def sequence(self, nodes, force: bool = False) -> etree._Element | None:
        particles = [p for p in (self.particle(n) for n in nodes) if p is not None]
        if not particles:
            return None
        if len(particles) == 1 and not force and particles[0].get("minOccurs") is None \
                and particles[0].get("maxOccurs") is None:
            return particles[0]
        seq = _xs("sequence")
        seq.extend(particles)
        return seq

    def element(self, name: str, schema: etree._Element) -> None:
        (rng_el,) = list(self.defines[name])
        children = list(rng_el)
        attrs = [c for c in children if self.is_attribute_pattern(c, self.kind)]
        content = [c for c in children if c not in attrs]
        decl = _sub(schema, "element", name=rng_el.get("name"))
        if len(content) == 1 and _local(content[0]) == "data":
            ct = _sub(decl, "complexType")
            ext = _sub(_sub(ct, "simpleContent"), "extension")
            if len(content[0]):
                st = self.anonymous_simple_type(content[0])
                st.set("name", f"{name}.content")
                schema.insert(schema.index(decl), st)
                ext.set("base", f"{name}.content")
            else:
                ext.set("base", f"xs:{content[0].get('type')}")
            self.attributes(attrs, ext)
            return
        if all(_local(c) == "text" for c in content) and content:
            ct = _sub(decl, "complexType")
            ext = _sub(_sub(ct, "simpleContent"), "extension", base="xs:string")
            self.attributes(attrs, ext)
            return
        ct = _sub(decl, "complexType")
        wrapper = etree.Element("wrapper")
        for c in content:
            wrapper.append(_copy(c))
        if self.has_text(wrapper):
            ct.set("mixed", "true")
        particle = self.sequence(content, force=True)
        if particle is not None:
            ct.append(particle)
        self.attributes(attrs, ct)

    def group(self, name: str, schema: etree._Element) -> None:
        grp = _sub(schema, "group", name=name)
        particle = self.sequence(list(self.defines[name]), force=True)
        if particle is None:
            raise ValueError(f"content set {name} has no elements")
        grp.append(particle)

    def attribute_group(self, name: str, schema: etree._Element) -> None:
        grp = _sub(schema, "attributeGroup", name=name)
        self.attributes(list(self.defines[name]), grp)

    def datatype(self, name: str, schema: etree._Element) -> None:
        (node,) = list(self.defines[name])
        st = self.anonymous_simple_type(node) if not (_local(node) == "data" and not len(node)) else None
        if st is None:
            st = _xs("simpleType")
            _sub(st, "restriction", base=f"xs:{node.get('type')}")
        st.set("name", name)
        schema.append(st)

    def convert(self, tei_ns: str) -> etree._Element:
        schema = etree.Element(f"{{{XS}}}schema", nsmap={"xs": XS, None: tei_ns})
        schema.set("targetNamespace", tei_ns)
        schema.set("elementFormDefault", "qualified")
        schema.append(etree.Comment(
            " Derived from edition.rng by `python build.py schema`: do not edit by hand. "))
        _sub(schema, "import", namespace=XML_NS, schemaLocation="xml.xsd")
        for name in self.defines:
            kind = self.kind(name)
            getattr(self, {"element": "element", "group": "group", "attributes": "attribute_group",
                           "datatype": "datatype"}[kind])(name, schema)
        return schema


def _copy(el: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(el))


def convert(rng_bytes: bytes) -> bytes:
    """The XSD, as bytes, for the RelaxNG grammar given as bytes."""
    parser = etree.XMLParser(remove_comments=True, remove_blank_text=True, resolve_entities=False,
                             no_network=True, load_dtd=False)
    grammar = etree.fromstring(rng_bytes, parser)
    converter = _Converter(grammar)
    schema = converter.convert(grammar.get("ns"))
    etree.indent(schema, space="  ")
    return etree.tostring(schema, xml_declaration=True, encoding="UTF-8", pretty_print=True)
