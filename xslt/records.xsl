<?xml version="1.0" encoding="UTF-8"?>
<!--
  The record of a work standing on its own in the body: a bibl that holds lists of its own (the
  work's editions, manuscripts and translations, its relations to other works) or a group of
  notes (its abstract), as Syriaca.org's New Handbook of Syriac Literature keeps a record a file.
  It is read as a block of fields, each on a line of its own in the language and direction it is
  written in (a title in Syriac, right to left), its lists as lists and its notes in place,
  where a reference inside a sentence stays a citation (body.xsl). Lists of entries standing in
  a text are read so too, an entry a line.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:function name="ria:is-record" as="xs:boolean">
    <xsl:param name="bibl" as="element()"/>
    <xsl:sequence select="exists($bibl[self::tei:bibl][parent::tei:body or parent::tei:div]
        [tei:listBibl or tei:listRelation or tei:noteGrp])"/>
  </xsl:function>

  <xsl:template match="tei:bibl[ria:is-record(.)]" priority="1">
    <div class="bibl record">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:for-each select="node()">
        <xsl:choose>
          <xsl:when test="self::tei:listBibl or self::tei:listRelation or self::tei:noteGrp">
            <xsl:apply-templates select="."/>
          </xsl:when>
          <xsl:when test="self::*[normalize-space()]">
            <p class="field {local-name()}">
              <xsl:call-template name="record-language"/>
              <xsl:apply-templates select="."/>
            </p>
          </xsl:when>
          <xsl:when test="self::text()[normalize-space()]"><p class="field"><xsl:value-of select="."/></p></xsl:when>
          <xsl:otherwise><xsl:apply-templates select="."/></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </div>
  </xsl:template>

  <!-- The work's relations to others (a homily part of a collection), those that say something. -->
  <xsl:template match="tei:bibl[ria:is-record(.)]/tei:listRelation">
    <xsl:if test="tei:relation[normalize-space()]">
      <ul class="list-relation">
        <xsl:for-each select="tei:relation[normalize-space()]"><li><xsl:apply-templates/></li></xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <!-- A group of notes (the abstract) is read where it stands, under its description. -->
  <xsl:template match="tei:bibl[ria:is-record(.)]/tei:noteGrp">
    <div class="note-group">
      <xsl:for-each select="*">
        <p class="{if (self::tei:desc) then 'label' else string-join((local-name(), @type), ' ')}">
          <xsl:call-template name="record-language"/>
          <xsl:apply-templates/>
        </p>
      </xsl:for-each>
    </div>
  </xsl:template>

  <xsl:function name="ria:note-in-record" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="exists($note/parent::tei:noteGrp/parent::tei:bibl[ria:is-record(.)])"/>
  </xsl:function>

  <!-- A list of persons, places, organisations or events standing in a text (a diary's events, a
       chapter's prosopography; those of its back matter are the registers', names.xsl; a
       charter's witnesses are its own, charters.xsl): an item for each entry, which a pointer
       to it reaches by its id, its fields one after another, apart ("Mary Godwin; 1797; writer",
       not "Mary Godwin1797writer"); an event after its date. -->
  <xsl:template match="(tei:listPerson | tei:listPlace | tei:listOrg | tei:listEvent)[ancestor::tei:text][not(ria:in-phrasing(.))]" priority="0.4">
    <xsl:for-each select="tei:head"><p class="caption"><xsl:apply-templates/></p></xsl:for-each>
    <ul class="list-entries {local-name()}">
      <xsl:for-each select="* except tei:head">
        <li>
          <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
          <xsl:choose>
            <xsl:when test="self::tei:listPerson or self::tei:listPlace or self::tei:listOrg or self::tei:listEvent">
              <xsl:apply-templates select="."/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:variable name="date" select="self::tei:event/ria:date-label(., '')"/>
              <xsl:if test="$date"><span class="entry-date"><xsl:value-of select="$date"/></span><xsl:text>: </xsl:text></xsl:if>
              <xsl:for-each select="*[normalize-space()]">
                <xsl:if test="position() gt 1"><xsl:text>; </xsl:text></xsl:if>
                <xsl:apply-templates select="."/>
              </xsl:for-each>
            </xsl:otherwise>
          </xsl:choose>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- A field's language, and its direction where it is written from right to left. -->
  <xsl:template name="record-language">
    <xsl:for-each select="@xml:lang">
      <xsl:attribute name="lang" select="ria:lang(.)"/>
      <xsl:for-each select="ria:direction(ria:lang(.))"><xsl:attribute name="dir" select="."/></xsl:for-each>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
