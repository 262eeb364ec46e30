<?xml version="1.0" encoding="UTF-8"?>
<!-- Names of persons, places and organisations, and referring strings: each links to its entry in
     the registers, wherever the project shows it (its own page, or its place in a register's page). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- A name the page links: to a register entry, or (an event) wherever its pointer resolves. -->
  <xsl:function name="ria:is-linked-name" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/(self::tei:persName | self::tei:placeName | self::tei:orgName | self::tei:rs)[@ref])
        or exists($node/(self::tei:author | self::tei:editor)[@ref][ancestor::tei:text])
        or exists($node/self::tei:name[@ref][exists(ria:href(., tokenize(@ref, ' ')[1]))])
        or ria:is-keyed-name($node)"/>
  </xsl:function>

  <!-- A name that points with @key, the entry's id as it stands, and has no @ref (the Weber edition's
       <persName key="A002068">, its settlement and workName): a mention as ref="#A002068" would be
       (ria/model/mentions.py reads the same names). -->
  <xsl:function name="ria:is-keyed-name" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/(self::tei:persName | self::tei:placeName | self::tei:orgName | self::tei:rs
        | self::tei:author | self::tei:editor | self::tei:name | self::tei:settlement | self::tei:workName)
        [not(@ref)][normalize-space(@key)])"/>
  </xsl:function>

  <!-- The parts of a name written one against the next, as a database exports a name
       (<forename>Charles</forename><genName>II</genName>), are words of their own: "Charles II". -->
  <xsl:template match="(tei:forename | tei:surname | tei:genName | tei:roleName | tei:addName | tei:nameLink)
      [preceding-sibling::node()[1][self::tei:forename or self::tei:surname or self::tei:genName or self::tei:roleName
        or self::tei:addName or self::tei:nameLink]]" priority="9">
    <xsl:value-of select="ria:name-part-separator(preceding-sibling::*[1], .)"/>
    <xsl:next-match/>
  </xsl:template>

  <!-- Above the rules for names that point nowhere (body.xsl's name, generic.xsl's rs). -->
  <xsl:template match="(tei:persName | tei:placeName | tei:orgName | tei:rs | tei:author | tei:editor | tei:name
      | tei:settlement | tei:workName)[not(@ref)][normalize-space(@key)]" priority="1">
    <xsl:call-template name="linked-name"/>
  </xsl:template>

  <xsl:template name="linked-name" match="tei:persName[@ref] | tei:placeName[@ref] | tei:orgName[@ref] | tei:rs[@ref]
      | tei:text//(tei:author[@ref] | tei:editor[@ref]) | tei:name[@ref][ria:is-linked-name(.)]">
    <xsl:param name="in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <!-- The mention's anchor, as the index lists it (ria/model/mentions.py numbers the mentions and
         the transform writes each anchor onto its element), so an entry links to this very name. -->
    <xsl:variable name="mention" select="@ria:mention/string()"/>
    <xsl:choose>
      <!-- Deep inside another name's link: marked, but not a link of its own. -->
      <xsl:when test="$in-link">
        <span class="name">
          <xsl:if test="$mention"><xsl:attribute name="id" select="$mention"/></xsl:if>
          <xsl:apply-templates/>
        </span>
      </xsl:when>
      <xsl:when test="not(node()[ria:is-linked-name(.)])">
        <xsl:call-template name="name-link">
          <xsl:with-param name="nodes" select="node()"/>
          <xsl:with-param name="id" select="$mention"/>
        </xsl:call-template>
      </xsl:when>
      <!-- Links cannot nest in HTML: a name that holds other names ("the Kerensky government")
           is split into pieces around them, and its first piece carries the mention's id. -->
      <xsl:otherwise>
        <xsl:variable name="name" select="."/>
        <xsl:variable name="first-piece" select="node()[not(ria:is-linked-name(.))][normalize-space()][1]"/>
        <xsl:for-each-group select="node()" group-adjacent="ria:is-linked-name(.)">
          <xsl:choose>
            <xsl:when test="current-grouping-key() or not(current-group()[normalize-space() or self::*])">
              <xsl:apply-templates select="current-group()"/>
            </xsl:when>
            <xsl:otherwise>
              <!-- The spaces around a piece stay outside its link. -->
              <xsl:variable name="text" select="string-join(current-group())"/>
              <xsl:variable name="plain" select="every $n in current-group() satisfies $n instance of text()"/>
              <xsl:variable name="trimmed" as="text()"><xsl:value-of select="normalize-space($text)"/></xsl:variable>
              <xsl:if test="$plain and matches($text, '^\s')"><xsl:text> </xsl:text></xsl:if>
              <xsl:call-template name="name-link">
                <xsl:with-param name="name" select="$name"/>
                <xsl:with-param name="nodes" select="if ($plain) then $trimmed else current-group()"/>
                <xsl:with-param name="id" select="if (current-group() intersect $first-piece) then $mention else ()"/>
              </xsl:call-template>
              <xsl:if test="$plain and matches($text, '\s$')"><xsl:text> </xsl:text></xsl:if>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each-group>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="name-link">
    <xsl:param name="name" as="element()" select="."/>
    <xsl:param name="nodes" as="node()*"/>
    <xsl:param name="id" as="xs:string?"/>
    <xsl:variable name="pointer" select="tokenize($name/@ref, ' ')[1]"/>
    <!-- (a pointer on the web is an entry's address in an authority file, which the build may know it by) -->
    <xsl:variable name="entry" select="if (ria:is-keyed-name($name)) then tokenize(normalize-space($name/@key), ' ')[1]
        else if (starts-with($pointer, '#')) then substring-after($pointer, '#') else $pointer"/>
    <xsl:choose>
      <!-- A named event links to its entry in the register of events. -->
      <xsl:when test="$name/self::tei:name[@ref]">
        <a class="name events" href="{ria:href($name, $pointer)}">
          <xsl:apply-templates select="$nodes"><xsl:with-param name="in-link" select="true()" tunnel="yes"/></xsl:apply-templates>
        </a>
      </xsl:when>
      <xsl:when test="map:contains($pages, $entry)">
        <a class="{ria:classes(('name', ria:register-of($pages($entry))))}" href="{$root}{$pages($entry)}"
           data-ref="{if (contains($pages($entry), '#')) then substring-after($pages($entry), '#') else $entry}">
          <xsl:if test="$id"><xsl:attribute name="id" select="$id"/></xsl:if>
          <xsl:apply-templates select="$nodes"><xsl:with-param name="in-link" select="true()" tunnel="yes"/></xsl:apply-templates>
        </a>
      </xsl:when>
      <!-- Else a name may point to an agent the header defines (a translator): it links to the text's description. -->
      <xsl:when test="key('ids', $entry, root($name))[ancestor::tei:teiHeader]">
        <a class="{ria:classes(('name', ria:index-page($name)))}" href="#about-text" data-ref="{$entry}">
          <xsl:if test="$id"><xsl:attribute name="id" select="$id"/></xsl:if>
          <xsl:apply-templates select="$nodes"><xsl:with-param name="in-link" select="true()" tunnel="yes"/></xsl:apply-templates>
        </a>
      </xsl:when>
      <!-- Else a name may point to an entry of the text's own list (a Tillich letter's back lists the
           persons its names point at by @ref): it links there, as a name pointing by @corresp does. -->
      <xsl:when test="starts-with($pointer, '#') and ria:own-entry($name, $entry)">
        <a class="name entry-link" href="#{$entry}">
          <xsl:if test="$id"><xsl:attribute name="id" select="$id"/></xsl:if>
          <xsl:apply-templates select="$nodes"><xsl:with-param name="in-link" select="true()" tunnel="yes"/></xsl:apply-templates>
        </a>
      </xsl:when>
      <!-- A pointer to no entry the project publishes: the name is marked, not linked. -->
      <xsl:otherwise>
        <span class="name">
          <xsl:if test="$id"><xsl:attribute name="id" select="$id"/></xsl:if>
          <xsl:apply-templates select="$nodes"><xsl:with-param name="in-link" select="true()" tunnel="yes"/></xsl:apply-templates>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A name inside a link cannot be a link itself. -->
  <xsl:template match="tei:ref//tei:persName | tei:ref//tei:placeName | tei:ref//tei:orgName | tei:ref//tei:rs
      | tei:ref//tei:author[@ref] | tei:ref//tei:editor[@ref] | tei:ref//tei:name[@ref] | tei:ref//*[ria:is-keyed-name(.)]" priority="2">
    <span class="name">
      <xsl:if test="@ria:mention"><xsl:attribute name="id" select="@ria:mention"/></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:name">
    <span class="name"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- A name, term or gloss that points with @corresp (a term or gloss with @target too) at an entry
       of the text itself, and links nowhere else: a link to that entry (FRUS volumes point each
       persName at their list of persons, each gloss at their list of abbreviations). Only words,
       and phrases of words, stand in it: a note, a reference or a date inside keeps its own link. -->
  <!-- The entry of the text's own page an id names (not one of the back's copies of register
       entries, which the page leaves out), if the mention is not inside it. -->
  <xsl:function name="ria:own-entry" as="element()?">
    <xsl:param name="mention" as="element()"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="(key('ids', $id, root($mention))[ancestor::tei:text]
        [not(ancestor-or-self::*[ria:is-register-copy(.)])] except $mention/ancestor-or-self::*)[1]"/>
  </xsl:function>
  <xsl:function name="ria:entry-in-text" as="xs:string?">
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="pointer" select="tokenize(normalize-space(($mention/self::tei:term/@target, $mention/self::tei:gloss/@target,
        $mention/@corresp)[normalize-space()][1]), ' ')[1]"/>
    <xsl:variable name="entry" select="ria:own-entry($mention, substring($pointer, 2))"/>
    <xsl:sequence select="if (starts-with($pointer, '#') and exists($entry)
        and empty($mention/descendant::*[not(self::tei:hi or self::tei:emph or self::tei:foreign or self::tei:forename
          or self::tei:surname or self::tei:roleName or self::tei:addName or self::tei:genName or self::tei:nameLink
          or self::tei:lb or self::tei:choice or self::tei:abbr or self::tei:expan or self::tei:sic or self::tei:corr
          or self::tei:orig or self::tei:reg or self::tei:c or self::tei:w or self::tei:pc)]))
        then $pointer else ()"/>
  </xsl:function>
  <xsl:template match="(tei:persName | tei:placeName | tei:orgName | tei:rs | tei:name | tei:term | tei:gloss)
      [not(@ref or normalize-space(@key))][not(ria:in-link(.))][ria:entry-in-text(.)]" priority="2.5">
    <a class="{if (self::tei:term or self::tei:gloss) then local-name() else 'name'} entry-link" href="{ria:entry-in-text(.)}">
      <xsl:apply-templates/>
    </a>
  </xsl:template>

  <!-- A text's own copy of register entries (listPerson … in its back matter) is not part of its
       reading: the register pages show the entries. Only where the corpus's registers are there to
       show them, though (a name of the text has a register page): the list of a text none of whose
       names leads to a register (a Tillich letter's persons, its only
       record of who they were) is the text's own, shown where it stands. -->
  <xsl:function name="ria:is-register-copy" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element[parent::tei:back][self::tei:listPerson or self::tei:listPlace or self::tei:listOrg
        or self::tei:listBibl or self::tei:listEvent]) and map:size($pages) gt 0"/>
  </xsl:function>
  <xsl:template match="tei:back/*[ria:is-register-copy(.)]"/>
</xsl:stylesheet>
