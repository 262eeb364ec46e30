<?xml version="1.0" encoding="UTF-8"?>
<!-- Parameters and functions shared by the text stylesheets. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- Relative path from the page to the site's root ("../" for pages in texts/). -->
  <xsl:param name="root" as="xs:string" select="'../'"/>

  <!-- The xml:id of the project's editors (given by the build from its corpus header, ria/model/project_config.py):
       an intervention whose @resp points to it is the editors' of this edition. None by default. -->
  <xsl:param name="editors-id" as="xs:string" select="''"/>

  <!-- Where each register entry the text points to is, as "id=address" tokens (given by the build,
       ria/model/index.py: Index.address): its own page (persons/pmb3394.html) or its place in its
       register's page (persons.html#kerensky), relative to the site's root. -->
  <xsl:param name="entry-pages" as="xs:string" select="''"/>
  <xsl:variable name="pages" as="map(xs:string, xs:string)" select="map:merge(
      for $token in tokenize($entry-pages, '\s+')[contains(., '=')]
      return map:entry(substring-before($token, '='), substring-after($token, '=')))"/>
  <!-- The names of those entries, as "id<TAB>name" lines (ria/model/index.py: Index.names), for a
       pointer that has no words of its own in the text: an utterance's speaker (spoken.xsl). -->
  <xsl:param name="entry-names" as="xs:string" select="''"/>
  <xsl:variable name="entry-name" as="map(xs:string, xs:string)" select="map:merge(
      for $line in tokenize($entry-names, '&#10;')[contains(., '&#9;')]
      return map:entry(substring-before($line, '&#9;'), substring-after($line, '&#9;')))"/>

  <!-- Where the site has the images a text gives by a relative path, as "address<TAB>site path<TAB>width<TAB>height"
       lines (given by the corpus build, ria/corpus/images.py; the address as written, spaces normalised,
       under the xml:base of its markup: ria:with-base, facsimile.xsl):
       each address to its path from the site's root and its size in pixels. -->
  <xsl:param name="images" as="xs:string" select="''"/>
  <xsl:variable name="published-images" as="map(xs:string, xs:string+)" select="map:merge(
      for $line in tokenize($images, '&#10;')[contains(., '&#9;')]
      return map:entry(substring-before($line, '&#9;'), tokenize(substring-after($line, '&#9;'), '&#9;')))"/>

  <!-- The pages of the other texts of the corpus this one's references point to, as "written<TAB>page<TAB>title"
       lines (given by the corpus build, ria/model/index.py: Index.texts_linked): the file as the reference
       writes it (other.xml of other.xml#v2), to its page from the site's root and its title. -->
  <xsl:param name="text-pages" as="xs:string" select="''"/>
  <xsl:variable name="linked-texts" as="map(xs:string, xs:string+)" select="map:merge(
      for $line in tokenize($text-pages, '&#10;')[contains(., '&#9;')]
      return map:entry(substring-before($line, '&#9;'), tokenize(substring-after($line, '&#9;'), '&#9;')))"/>

  <!-- The taxonomies of the header above the text (its teiCorpus's, the edition's corpus header) that its
       keywords name by @scheme and its own header does not hold, as a TEI classDecl (given by the build:
       ria/model/texts.py, taxonomies_named); header.xsl names those keywords by them. None by default. -->
  <xsl:param name="corpus-taxonomies" as="xs:string" select="''"/>
  <xsl:variable name="taxonomies-above" as="element(tei:taxonomy)*"
      select="if (normalize-space($corpus-taxonomies)) then parse-xml($corpus-taxonomies)//tei:taxonomy else ()"/>

  <!-- Where each passage is, as a reader cites it ("ch. 2, ¶ 14"), as "id<TAB>label" lines (given by
       the build from the TEI's paragraph and division numbers: ria/model/locations.py words them, once
       for every output). A heading is keyed by the id its page gives it (its division's + "-head"). -->
  <xsl:param name="locations" as="xs:string" select="''"/>
  <xsl:variable name="location-labels" as="map(xs:string, xs:string)" select="map:merge(
      for $line in tokenize($locations, '&#10;')[contains(., '&#9;')]
      return map:entry(substring-before($line, '&#9;'), substring-after($line, '&#9;')))"/>

  <!-- The location of the passage a node stands in: its paragraph, note, heading or title matter,
       else its division. -->
  <xsl:function name="ria:location" as="xs:string?">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="keys" select="reverse($node/ancestor-or-self::*)
        ! (if (self::tei:head) then (@xml:id, parent::tei:div/@xml:id ! concat(., '-head'))[1] else @xml:id) ! string(.)"/>
    <xsl:sequence select="($keys[map:contains($location-labels, .)])[1] ! $location-labels(.)"/>
  </xsl:function>

  <!-- Whether a node stands inside what the page may render as a link (a reference with a target,
       a name or referring string with a pointer): a link, or anything focusable, cannot stand there. -->
  <xsl:function name="ria:in-link" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/ancestor::tei:ref[@target] | $node/ancestor::*[@ref])
        or (some $name in $node/ancestor::*[@key] satisfies ria:is-keyed-name($name))"/>
  </xsl:function>

  <!-- Pointers are resolved through this key, so resolving one costs the same however long the text. -->
  <xsl:key name="ids" match="*[@xml:id]" use="@xml:id"/>

  <!-- The address of what a "#id" pointer names: an element of this page, or an index entry. -->
  <xsl:function name="ria:href" as="xs:string?">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:variable name="id" select="substring-after($pointer, '#')"/>
    <xsl:variable name="file" select="substring-before(concat($pointer, '#'), '#')"/>
    <xsl:sequence select="if (starts-with($pointer, 'http://') or starts-with($pointer, 'https://')) then $pointer
        else if ($file and map:contains($linked-texts, $file))
          then concat($root, $linked-texts($file)[1], substring($pointer, string-length($file) + 1))
        else if (not(starts-with($pointer, '#'))) then ()
        else if (exists(key('ids', $id, root($context))[ancestor::tei:text or self::tei:bibl])) then $pointer
        else if (map:contains($pages, $id)) then concat($root, $pages($id))
        else if (exists(key('ids', $id, root($context)))) then '#about-text'
        else ()"/>
  </xsl:function>

  <!-- ISO 639-2 codes whose language ISO 639-1 names in two letters: HTML's lang (BCP 47) takes the
       two-letter code ("lat" is not a valid tag; the DTA writes foreign xml:lang="lat"). The same
       table as ria/corpus/texts.py's, which gives a text page its language. -->
  <xsl:variable name="two-letter-languages" as="map(xs:string, xs:string)" select="map{
      'ara': 'ar', 'baq': 'eu', 'bul': 'bg', 'cat': 'ca', 'ces': 'cs', 'chi': 'zh', 'cym': 'cy', 'cze': 'cs', 'dan': 'da',
      'deu': 'de', 'dut': 'nl', 'ell': 'el', 'eng': 'en', 'est': 'et', 'eus': 'eu', 'fas': 'fa', 'fin': 'fi', 'fra': 'fr',
      'fre': 'fr', 'ger': 'de', 'gle': 'ga', 'gre': 'el', 'heb': 'he', 'hin': 'hi', 'hrv': 'hr', 'hun': 'hu', 'ice': 'is',
      'isl': 'is', 'ita': 'it', 'jpn': 'ja', 'kor': 'ko', 'lat': 'la', 'lav': 'lv', 'lit': 'lt', 'nld': 'nl', 'nor': 'no',
      'per': 'fa', 'pol': 'pl', 'por': 'pt', 'ron': 'ro', 'rum': 'ro', 'rus': 'ru', 'san': 'sa', 'slk': 'sk', 'slo': 'sk',
      'slv': 'sl', 'spa': 'es', 'srp': 'sr', 'swe': 'sv', 'tur': 'tr', 'ukr': 'uk', 'urd': 'ur', 'wel': 'cy', 'yid': 'yi',
      'zho': 'zh'}"/>
  <xsl:function name="ria:lang" as="xs:string">
    <xsl:param name="code" as="xs:string"/>
    <xsl:variable name="primary" select="lower-case(substring-before(concat($code, '-'), '-'))"/>
    <xsl:sequence select="if (map:contains($two-letter-languages, $primary))
        then concat($two-letter-languages($primary), substring($code, string-length($primary) + 1)) else $code"/>
  </xsl:function>

  <!-- "rtl" for a language tag written from right to left (ar, syr-Syrj, fa-Arab), else (): the
       same tables as ria/model/texts.py's writing_direction, which gives a text page its direction. -->
  <xsl:variable name="rtl-scripts" select="('arab', 'hebr', 'syrc', 'syre', 'syrj', 'syrn', 'thaa', 'samr', 'nkoo',
      'adlm', 'mand', 'rohg')"/>
  <xsl:variable name="rtl-languages" select="('ar', 'arc', 'arz', 'apc', 'ary', 'ckb', 'dv', 'fa', 'he', 'iw', 'ota',
      'prs', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi')"/>
  <xsl:function name="ria:direction" as="xs:string?">
    <xsl:param name="lang" as="xs:string"/>
    <xsl:variable name="subtags" select="tokenize(lower-case($lang), '-')"/>
    <!-- private-use subtags (en-x-gedsh) say nothing of the script -->
    <xsl:variable name="public" select="if ($subtags = 'x') then $subtags[position() lt index-of($subtags, 'x')[1]] else $subtags"/>
    <xsl:variable name="script" select="$public[position() gt 1][string-length() = 4][matches(., '^[a-z]+$')][1]"/>
    <xsl:sequence select="if (exists($script)) then (if ($script = $rtl-scripts) then 'rtl' else ())
        else if ($public[1] = $rtl-languages) then 'rtl' else ()"/>
  </xsl:function>

  <xsl:function name="ria:id" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <!-- Saxon's generate-id() starts with the number of documents its processor had read
         before (d28e35): without it, the id depends on the document alone, not on which
         worker transformed it after which others. -->
    <xsl:sequence select="($node/@xml:id, replace(generate-id($node), '^d[0-9]+', 'd'))[1]"/>
  </xsl:function>

  <!-- An HTML class value of the given names, a space between each: none for an absent or empty
       one (a list of no @type is "list", not "list "), one space for one or many between. -->
  <xsl:function name="ria:classes" as="xs:string">
    <xsl:param name="names" as="xs:anyAtomicType*"/>
    <xsl:sequence select="normalize-space(string-join($names, ' '))"/>
  </xsl:function>

  <!-- The register a name's kind belongs to, for a name that points into its own text's header. -->
  <xsl:function name="ria:index-page" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="map{'persName': 'persons', 'placeName': 'places', 'orgName': 'organisations', 'rs': 'names',
        'settlement': 'places', 'workName': 'works', 'name': 'names'}(local-name($name))"/>
  </xsl:function>

  <!-- The register an entry's address is in ("persons" for persons.html#kerensky or persons/pmb3394.html),
       which names the class of a link to it. -->
  <xsl:function name="ria:register-of" as="xs:string">
    <xsl:param name="address" as="xs:string"/>
    <xsl:sequence select="replace($address, '^([^/.#]+).*$', '$1')"/>
  </xsl:function>

  <!-- A W3C date or time as words: "7 November 1917", "November 1917", "1917"; as TEI's @when
       may also be, a day of no year (an xs:gMonthDay, "12 May": a letter dated without its year),
       a month or a day alone (xs:gMonth, xs:gDay), a year before the common era ("-0044": "44
       BCE"), a moment ("1917-11-07T22:40:00": "7 November 1917, 22:40") or a time of day; a time
       zone is left out. A value of none of these forms is said as written. -->
  <!-- A day ISO 8601 writes in its basic form, without hyphens (the Bahr–Schnitzler edition's
       when="18931107"), in the extended form HTML and the names of months read (1893-11-07); any
       other value as it is. The same rule as ria/model/teidates.py's extended. -->
  <xsl:function name="ria:extended-date" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="if (matches($value, '^\d{4}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$'))
        then replace($value, '^(\d{4})(\d{2})(\d{2})$', '$1-$2-$3') else $value"/>
  </xsl:function>

  <xsl:function name="ria:month" as="xs:string">
    <xsl:param name="iso" as="xs:string"/>
    <xsl:variable name="months" select="('January','February','March','April','May','June','July','August','September','October','November','December')"/>
    <xsl:variable name="value" select="ria:extended-date(replace(normalize-space($iso), '(Z|[+-]\d{2}:\d{2})$', ''))"/>
    <xsl:variable name="day-part" select="if (contains($value, 'T')) then substring-before($value, 'T') else $value"/>
    <xsl:variable name="time" select="substring(substring-after($value, 'T'), 1, 5)[.]"/>
    <!-- year, month, day: each empty where the value has none -->
    <xsl:variable name="parts" select="
        if (matches($day-part, '^-?\d+(-\d{2}(-\d{2})?)?$')) then tokenize(replace($day-part, '^-', ''), '-') ! string(.)
        else if (matches($day-part, '^--\d{2}(-\d{2})?$')) then ('', tokenize(substring($day-part, 3), '-'))
        else if (matches($day-part, '^---\d{2}$')) then ('', '', substring($day-part, 4))
        else ()"/>
    <xsl:variable name="year" select="$parts[1][.] ! (if (starts-with($day-part, '-') and not(starts-with($day-part, '--')))
        then concat(xs:integer(.), ' BCE') else .)"/>
    <xsl:sequence select="
        if (empty($parts)) then (if (matches($value, '^\d{2}:\d{2}')) then substring($value, 1, 5) else $iso)
        else string-join((string-join(($parts[3][.] ! string(xs:integer(.)), (for $month in $parts[2][.] return $months[xs:integer($month)]), $year), ' '),
            $time), ', ')"/>
  </xsl:function>

  <!-- A date attribute set as words: "7 November 1917", "1936–1938". -->
  <xsl:function name="ria:date-label" as="xs:string?">
    <xsl:param name="date" as="element()"/>
    <xsl:param name="suffix" as="xs:string"/>
    <xsl:variable name="when" select="$date/@*[local-name() = concat('when', $suffix)]"/>
    <xsl:variable name="from" select="$date/@*[local-name() = concat('from', $suffix)]"/>
    <xsl:variable name="to" select="$date/@*[local-name() = concat('to', $suffix)]"/>
    <xsl:sequence select="if ($when) then ria:month($when)
        else if ($from or $to) then string-join((($from ! ria:month(.)), ($to ! ria:month(.))), '–')
        else ()"/>
  </xsl:function>
</xsl:stylesheet>
