<?xml version="1.0" encoding="UTF-8"?>
<!--
  A manuscript's (or an inscribed object's) description in the header's source (msDesc, as
  manuscript catalogues, EpiDoc and letter editions write it): rows of the about part
  (profile.xsl) that say where the object is kept and under which shelfmark, what it holds,
  what it is made of and looks like, where and when it was made and has been since, and what
  the catalogue adds (its sources, surrogates, bibliography). For a catalogue record the
  description is all there is to read, so every part of it is shown.
  A composite manuscript's parts (msPart, msFrag) are each described in rows of their own,
  nested in a row of the whole: each has its own contents, make and origin.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:variable name="manuscript-labels" select="map{
      'identifier': 'Manuscript',
      'summary': 'Summary',
      'description': 'Description',
      'contents': 'Contents',
      'physical': 'Physical description',
      'origin': 'Origin',
      'provenance': 'Provenance',
      'history': 'History',
      'record': 'Catalogue record',
      'access': 'Access',
      'custody': 'Custodial history',
      'surrogates': 'Surrogates',
      'bibliography': 'Bibliography',
      'part': 'Part',
      'incipit': 'Incipit',
      'explicit': 'Explicit',
      'rubric': 'Rubric',
      'finalRubric': 'Final rubric',
      'colophon': 'Colophon',
      'separator': ', '}"/>

  <!-- What an item of the contents says first, whatever order the catalogue writes it in. -->
  <xsl:variable name="item-heading" select="('locus', 'author', 'title')"/>
  <!-- The parts of a physical description that group others: their parts are read in turn. -->
  <xsl:variable name="physical-groups" select="('physDesc', 'objectDesc', 'supportDesc', 'layoutDesc', 'handDesc',
      'scriptDesc', 'typeDesc', 'decoDesc', 'bindingDesc', 'sealDesc')"/>
  <!-- What an item of the contents, a rubric or an incipit, is said to be before its words. -->
  <xsl:variable name="labelled-parts" select="('incipit', 'explicit', 'rubric', 'finalRubric', 'colophon')"/>

  <xsl:template match="tei:msDesc" mode="about-lead">
    <xsl:apply-templates select="." mode="manuscript-rows"/>
  </xsl:template>

  <xsl:template match="tei:msDesc | tei:msPart | tei:msFrag" mode="manuscript-rows">
    <xsl:for-each select="tei:msIdentifier[normalize-space()]">
      <dt><xsl:value-of select="$manuscript-labels('identifier')"/></dt>
      <dd><xsl:call-template name="manuscript-parts">
        <xsl:with-param name="parts" select="(tei:country, tei:region, tei:settlement, tei:institution, tei:repository,
            tei:collection, tei:idno, tei:msName, tei:altIdentifier/tei:idno)"/>
      </xsl:call-template></dd>
    </xsl:for-each>
    <!-- A catalogue's one-line account of the whole (msDesc/head). -->
    <xsl:for-each select="tei:head[normalize-space()]">
      <dt><xsl:value-of select="$manuscript-labels('summary')"/></dt>
      <dd><xsl:call-template name="manuscript-part"/></dd>
    </xsl:for-each>
    <!-- A description in prose instead of its parts (a charter's copy: "Cartulaire 1, fol. 21r-v"). -->
    <xsl:for-each select="tei:p[normalize-space()]">
      <dt><xsl:value-of select="$manuscript-labels('description')"/></dt>
      <dd><xsl:call-template name="header-children"/></dd>
    </xsl:for-each>
    <xsl:for-each select="tei:msContents[normalize-space()]">
      <dt><xsl:value-of select="$manuscript-labels('contents')"/></dt>
      <dd>
        <xsl:call-template name="manuscript-parts">
          <xsl:with-param name="parts" select="* except (tei:msItem | tei:msItemStruct)"/>
        </xsl:call-template>
        <xsl:call-template name="manuscript-items"/>
      </dd>
    </xsl:for-each>
    <xsl:for-each select="tei:physDesc[normalize-space()]">
      <dt><xsl:value-of select="$manuscript-labels('physical')"/></dt>
      <dd><xsl:call-template name="manuscript-parts">
        <xsl:with-param name="parts" select="ria:physical-parts(.)"/>
      </xsl:call-template></dd>
    </xsl:for-each>
    <xsl:for-each select="tei:history/tei:origin[normalize-space()]">
      <dt><xsl:value-of select="$manuscript-labels('origin')"/></dt>
      <dd><xsl:call-template name="header-children"/></dd>
    </xsl:for-each>
    <xsl:for-each select="tei:history/(tei:provenance, tei:acquisition)[normalize-space()]">
      <dt><xsl:value-of select="$manuscript-labels('provenance')"/></dt>
      <dd><xsl:call-template name="header-children"/></dd>
    </xsl:for-each>
    <xsl:for-each select="tei:history/(tei:summary, tei:p)[normalize-space()]">
      <dt><xsl:value-of select="$manuscript-labels('history')"/></dt>
      <dd><xsl:call-template name="header-children"/></dd>
    </xsl:for-each>
    <xsl:apply-templates select="tei:additional" mode="manuscript-rows"/>
    <xsl:for-each select="(tei:msPart, tei:msFrag)[normalize-space()]">
      <dt><xsl:value-of select="string-join(($manuscript-labels('part'), @n), ' ')"/></dt>
      <dd><dl class="ms-part"><xsl:apply-templates select="." mode="manuscript-rows"/></dl></dd>
    </xsl:for-each>
  </xsl:template>

  <!-- What the catalogue says of its own record, of access and custody, surrogates, and the
       bibliography (lists within a wrapping list, each under its heading). -->
  <xsl:template match="tei:additional" mode="manuscript-rows">
    <xsl:for-each select="tei:adminInfo/tei:recordHist[normalize-space()]">
      <dt><xsl:value-of select="$manuscript-labels('record')"/></dt>
      <dd><xsl:call-template name="header-children"/></dd>
    </xsl:for-each>
    <xsl:for-each select="tei:adminInfo/(tei:availability, tei:custodialHist, tei:note)[normalize-space()]">
      <dt><xsl:value-of select="$manuscript-labels(if (self::tei:custodialHist) then 'custody' else 'access')"/></dt>
      <dd><xsl:call-template name="header-children"/></dd>
    </xsl:for-each>
    <xsl:for-each select="tei:surrogates[normalize-space()]">
      <dt><xsl:value-of select="$manuscript-labels('surrogates')"/></dt>
      <dd><xsl:call-template name="manuscript-list"/></dd>
    </xsl:for-each>
    <xsl:for-each select="descendant-or-self::tei:listBibl[* except (tei:head | tei:listBibl)][normalize-space()]
        [not(ancestor::tei:adminInfo)]">
      <dt><xsl:value-of select="(tei:head[normalize-space()] ! replace(normalize-space(.), '\s*:$', ''),
          $manuscript-labels('bibliography'))[1]"/></dt>
      <dd><xsl:call-template name="manuscript-list"/></dd>
    </xsl:for-each>
  </xsl:template>

  <!-- A list's entries (a bibliography's references, the surrogates), each an item. -->
  <xsl:template name="manuscript-list">
    <ul class="ms-list">
      <xsl:for-each select="* except (tei:head | tei:listBibl)">
        <li><xsl:call-template name="manuscript-part"/></li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- The contents' items, each with what it holds in turn (an item of several texts, its
       own title and notes first): no item's words are lost to its subitems. -->
  <xsl:template name="manuscript-items">
    <xsl:if test="tei:msItem | tei:msItemStruct">
      <ul class="ms-items">
        <xsl:for-each select="tei:msItem | tei:msItemStruct">
          <li>
            <xsl:call-template name="manuscript-parts">
              <xsl:with-param name="parts" select="(for $name in $item-heading return *[local-name() = $name]),
                  * except (*[local-name() = $item-heading] | tei:msItem | tei:msItemStruct)"/>
            </xsl:call-template>
            <xsl:call-template name="manuscript-items"/>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <!-- Measurements read as they are printed: 135 × 102 mm. -->
  <xsl:template match="tei:dimensions[tei:height | tei:width | tei:depth | tei:dim]" mode="header-inline">
    <xsl:variable name="values" select="(tei:height, tei:width, tei:depth, tei:dim)[normalize-space()]"/>
    <xsl:value-of select="string-join($values ! normalize-space(.), ' × ')"/>
    <xsl:for-each select="(@unit, $values[1]/@unit)[normalize-space()][1]">
      <xsl:value-of select="concat(' ', .)"/>
    </xsl:for-each>
  </xsl:template>

  <!-- The parts that say something, in the order given, one after the other. -->
  <xsl:template name="manuscript-parts">
    <xsl:param name="parts" as="element()*"/>
    <xsl:for-each select="$parts[normalize-space()]">
      <xsl:if test="position() gt 1"><xsl:value-of select="$manuscript-labels('separator')"/></xsl:if>
      <xsl:call-template name="manuscript-part"/>
    </xsl:for-each>
  </xsl:template>

  <!-- One part, said for what it is where its name alone would not (an incipit, a rubric), its
       words without the layout's spaces around them; a part that holds a list is a block. -->
  <xsl:template name="manuscript-part">
    <xsl:variable name="words">
      <xsl:call-template name="header-children"/>
    </xsl:variable>
    <xsl:variable name="label" select="if (local-name() = $labelled-parts)
        then string-join(($manuscript-labels(local-name()), @type[normalize-space()] ! concat('(', ., ')')), ' ')
        else ()"/>
    <xsl:element name="{if (.//tei:list) then 'div' else 'span'}">
      <xsl:attribute name="class" select="local-name()"/>
      <xsl:if test="exists($label)"><span class="label"><xsl:value-of select="$label"/>: </span></xsl:if>
      <xsl:apply-templates select="$words" mode="manuscript-trimmed">
        <xsl:with-param name="ends" select="($words//text())[1], ($words//text())[last()]" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <xsl:mode name="manuscript-trimmed" on-no-match="shallow-copy"/>
  <xsl:template match="text()" mode="manuscript-trimmed">
    <xsl:param name="ends" as="text()*" tunnel="yes"/>
    <xsl:variable name="started" select="if (. is $ends[1]) then replace(., '^\s+', '') else string(.)"/>
    <xsl:value-of select="if (. is $ends[last()]) then replace($started, '\s+$', '') else $started"/>
  </xsl:template>

  <!-- A physical description's parts: those of the groups it is made of (objectDesc, supportDesc,
       handDesc …), read in turn; a group that has words of its own between its parts is one part. -->
  <xsl:function name="ria:physical-parts" as="element()*">
    <xsl:param name="part" as="element()"/>
    <xsl:sequence select="if (local-name($part) = $physical-groups and not($part/text()[normalize-space()]))
        then $part/* ! ria:physical-parts(.) else $part"/>
  </xsl:function>

  <!-- Where another hand takes over the writing (handShift @new, the Faust-Edition's and the
       papyri's): a small marker, its words drawn by the style sheet so that they are never
       copied or searched with the text's, saying whose hand it is, as the header describes it
       (handNotes or handDesc: its scribe, its name, else its description), the whole
       description (and the ink, @medium) said to a screen reader and in its title. -->
  <xsl:key name="hand-notes" match="tei:handNote[@xml:id]" use="@xml:id"/>
  <xsl:template match="tei:handShift">
    <xsl:variable name="bare" select="replace(tokenize(normalize-space(@new), ' ')[1], '^#', '')"/>
    <xsl:variable name="note" select="if ($bare) then key('hand-notes', $bare)[1] else ()"/>
    <xsl:variable name="named" select="((string($note/@scribe), $note/(tei:persName | tei:name | tei:abbr)[1] ! string-join(.//text(), ''), $bare)
        ! normalize-space(.))[.][1]"/>
    <xsl:variable name="described" select="($note ! normalize-space(string-join(.//text(), ' ')), $named)[.][1]"/>
    <xsl:variable name="medium" select="(@medium, $note/@medium)[normalize-space()][1] ! normalize-space(.)"/>
    <xsl:variable name="said" select="string-join((
        concat('the hand changes', if ($described) then concat(': ', $described) else ''),
        $medium ! concat('in ', .)), ', ')"/>
    <span class="handShift" role="note" aria-label="{$said}" title="{$said}">
      <xsl:if test="$named"><xsl:attribute name="data-hand" select="$named"/></xsl:if>
    </span>
  </xsl:template>
</xsl:stylesheet>
