<?xml version="1.0" encoding="UTF-8"?>
<!--
  A critical apparatus of the witnesses' readings (app, lem, rdg: the Emily Dickinson
  variants, CBETA's collations). The text reads the lemma, or where the edition names none
  (parallel segmentation of equal witnesses) the first reading; a mark after it leads to the
  apparatus, which lists every reading with its witnesses. A reading a witness leaves empty
  is said to be omitted there.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:variable name="variant-labels" select="map{
      'about': 'Readings of the witnesses',
      'back': 'Back to the text',
      'omitted': 'om.',
      'conjecture': 'conj.',
      'in': ' ',
      'between': '; ',
      'between-groups': ' | '}"/>

  <xsl:function name="ria:variant-id" as="xs:string">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="($app/@xml:id, concat('var-', $app/accumulator-before('variants-begun')))[1]"/>
  </xsl:function>
  <!-- The apps in the order they begin, counted in one pass (as apparatus.xsl counts interventions):
       an app within another's lemma has a number of its own. -->
  <xsl:accumulator name="variants-begun" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:app[not(ancestor::tei:rdg)]" select="$value + 1"/>
  </xsl:accumulator>

  <xsl:function name="ria:base-reading" as="element()?">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:variable name="in-order" select="($app/tei:lem, $app/tei:rdg, $app/tei:rdgGrp/(tei:lem, tei:rdg))"/>
    <xsl:sequence select="if (ria:is-attached-app($app)) then ()
        else if ($in-order[self::tei:lem]) then $in-order[1]
        else ($in-order[ria:base-witness($app) = tokenize(normalize-space(@wit), ' ')], $in-order)[1]"/>
  </xsl:function>
  <!-- Where no reading is the lemma (parallel segmentation of equal witnesses), the text reads one
       witness throughout, not each app's first reading in turn (Bertolucci's manuscripts list the
       critical text's witness first, yet a title's app begins with the draft's): the witness a
       listWit marks type="base", else the first it lists; its readings are the text, the others'
       are the apparatus's. An app where that witness has no reading reads its first. -->
  <xsl:key name="witnesses" match="tei:listWit//tei:witness[@xml:id]" use="'listed'"/>
  <xsl:function name="ria:base-witness" as="xs:string?">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:variable name="listed" select="key('witnesses', 'listed', root($app))"/>
    <xsl:sequence select="($listed[@type = 'base'], $listed)[1]/@xml:id ! concat('#', .)"/>
  </xsl:function>

  <!-- An app that stands apart from the words it concerns (double-end-point attachment, from="#seg"
       to="#anchor"; location-referenced, the header's variantEncoding saying so) reads nothing
       where it stands: the text reads those words where they are, and a lem, if any, is a copy of
       them. Its mark stays where it stands; its entry's lemma is its lem, else the words pointed at. -->
  <xsl:function name="ria:is-attached-app" as="xs:boolean">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="starts-with(normalize-space($app/@from), '#') or (empty($app/ancestor::tei:listApp)
        and root($app)//tei:encodingDesc/tei:variantEncoding/@method = ('double-end-point', 'location-referenced'))"/>
  </xsl:function>
  <xsl:function name="ria:attached-words" as="xs:string">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:variable name="from" select="key('ids', substring-after(normalize-space($app/@from), '#'), root($app))[1]"/>
    <xsl:variable name="to" select="(key('ids', substring-after(normalize-space($app/@to), '#'), root($app))[1], $from)[1]"/>
    <xsl:sequence select="if (empty($from)) then '' else normalize-space(string-join(
        root($app)//text()[. &gt;&gt; $from or ancestor::* intersect $from][. &lt;&lt; $to or ancestor::* intersect $to]
        [not(ancestor::tei:app or ancestor::tei:note)], ''))"/>
  </xsl:function>
  <!-- Words of a reading the text does not read (a witness's rdg, any reading of an attached app):
       no name of a division, no change of the editors in the text. -->
  <xsl:function name="ria:is-unread-reading" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="some $app in $node/ancestor::tei:app[not(ancestor::tei:listApp)]
        satisfies empty(ria:base-reading($app) intersect $node/ancestor::*)"/>
  </xsl:function>

  <!-- A note in an app that the text does not read (the app's own, a witness's reading's, not the
       base reading's: a note type="variant") is the apparatus's: its entry shows it, after the
       reading it is written in or at the end; the notes neither list nor number it, as no marker
       leads to it. The entry is its nearest app that has one (an app in a reading has none). -->
  <xsl:function name="ria:is-apparatus-note" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="empty($note/ancestor::tei:listApp)
        and (some $app in $note/ancestor::tei:app satisfies empty(ria:base-reading($app) intersect $note/ancestor::*))"/>
  </xsl:function>
  <xsl:function name="ria:apparatus-notes" as="element(tei:note)*">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:param name="within" as="element()"/>
    <xsl:sequence select="$within//tei:note[ria:is-apparatus-note(.)][not(ancestor::tei:note[ria:is-apparatus-note(.)])]
        [($app/descendant-or-self::tei:app[not(ancestor::tei:rdg)] intersect ancestor::tei:app)[last()] is $app]"/>
  </xsl:function>
  <xsl:template name="apparatus-notes">
    <xsl:param name="notes" as="element(tei:note)*"/>
    <xsl:for-each select="$notes">
      <xsl:text> </xsl:text>
      <span class="app-note"><xsl:apply-templates/></span>
    </xsl:for-each>
  </xsl:template>
  <!-- A note within an apparatus note is read within it, in brackets: the notes do not list it
       (a marker numbered there led nowhere), and the entry does not show it a second time. -->
  <xsl:template match="tei:text//tei:note[ancestor::tei:note[ria:is-apparatus-note(.)]][ria:is-apparatus-note(.)]" priority="6">
    <xsl:text> (</xsl:text><span class="app-note app-note-inner"><xsl:apply-templates/></span><xsl:text>)</xsl:text>
  </xsl:template>

  <xsl:template match="tei:app">
    <xsl:element name="{if (ria:is-block-app(.)) then 'div' else 'span'}">
      <xsl:attribute name="class" select="'variants'"/>
      <xsl:attribute name="id" select="ria:variant-id(.)"/>
      <xsl:apply-templates select="ria:base-reading(.)/node()"/>
      <xsl:if test="ria:marks-apparatus(.)">
        <a class="app-ref" href="#{ria:variant-id(.)}-note" aria-label="{$variant-labels('about')}">°</a>
      </xsl:if>
    </xsl:element>
  </xsl:template>
  <!-- An entry whose readings are paragraphs, verses or divisions (a critical apparatus at
       paragraph level: a paragraph one witness has and the others omit) is a block among them:
       a paragraph may not stand in a span. -->
  <xsl:variable name="block-readings" select="('p', 'ab', 'l', 'lg', 'head', 'div', 'sp', 'stage', 'list', 'table',
      'quote', 'cit', 'figure', 'opener', 'closer', 'dateline', 'salute', 'signed', 'trailer', 'byline', 'epigraph')"/>
  <xsl:function name="ria:is-block-app" as="xs:boolean">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="not(ria:in-phrasing($app)) and exists(ria:base-reading($app)/*[local-name() = $block-readings])"/>
  </xsl:function>

  <!-- A list of the witnesses in the text itself (the LDLT's conspectus siglorum in its front):
       each witness under its siglum, which the sigla of the apparatus link to; the words after the
       siglum its description. A group of witnesses (a listWit within) is listed under its name. -->
  <xsl:template match="tei:text//tei:listWit[not(ria:in-phrasing(.))]">
    <xsl:apply-templates select="tei:head"/>
    <dl class="list-wit">
      <xsl:for-each select="tei:witness | tei:listWit">
        <xsl:variable name="siglum" select="(@n, self::tei:witness/tei:abbr[1], @xml:id, tei:head)[normalize-space()][1]"/>
        <dt>
          <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
          <xsl:value-of select="normalize-space($siglum)"/>
        </dt>
        <dd>
          <xsl:choose>
            <xsl:when test="self::tei:listWit"><xsl:apply-templates select="."/></xsl:when>
            <xsl:otherwise><xsl:apply-templates select="node() except $siglum"/></xsl:otherwise>
          </xsl:choose>
        </dd>
      </xsl:for-each>
    </dl>
  </xsl:template>
  <xsl:template match="tei:text//tei:listWit/tei:listWit/tei:head"/>

  <!-- In the apparatus: the base reading (its words alone), then every reading with its
       witnesses' sigla, then what the edition notes of a witness's reading (witDetail). -->
  <xsl:template match="tei:app" mode="apparatus">
    <xsl:variable name="app" select="."/>
    <li id="{ria:variant-id(.)}-note" class="app-entry app-variants">
      <a href="#{ria:variant-id(.)}" class="app-backlink" aria-label="{$variant-labels('back')}">↑</a>
      <xsl:text> </xsl:text>
      <!-- (an entry of no readings, the LDLT's app holding a note on a line, is that note alone) -->
      <xsl:choose>
        <xsl:when test="exists((ria:base-reading(.), tei:lem))">
          <span class="lem"><xsl:apply-templates select="(ria:base-reading(.), tei:lem)[1]/node()" mode="apparatus-text">
            <xsl:with-param name="lemma" select="true()" tunnel="yes"/>
            <xsl:with-param name="with-looks" select="true()" tunnel="yes"/>
          </xsl:apply-templates></span>
          <xsl:text>] </xsl:text>
        </xsl:when>
        <xsl:when test="ria:is-attached-app(.) and ria:attached-words(.)">
          <span class="lem"><xsl:value-of select="ria:attached-words(.)"/></span>
          <xsl:text>] </xsl:text>
        </xsl:when>
      </xsl:choose>
      <!-- Readings in groups (rdgGrp: the orthographic variants of one reading, a family of
           witnesses) are set apart as editions print them: a stroke between the entry's readings
           and groups, each group's kind before its readings. -->
      <xsl:variable name="between" select="if (tei:rdgGrp) then $variant-labels('between-groups') else $variant-labels('between')"/>
      <xsl:for-each select="tei:lem | tei:rdg | tei:rdgGrp">
        <xsl:if test="position() gt 1"><xsl:value-of select="$between"/></xsl:if>
        <xsl:choose>
          <xsl:when test="self::tei:rdgGrp">
            <xsl:variable name="readings" select="(tei:lem | tei:rdg | tei:rdgGrp/(tei:lem | tei:rdg))"/>
            <span class="rdg-grp">
              <xsl:for-each select="@type[normalize-space()]">
                <span class="rdg-grp-type"><xsl:value-of select="normalize-space(.)"/></span><xsl:text>: </xsl:text>
              </xsl:for-each>
              <xsl:for-each select="$readings">
                <xsl:if test="position() gt 1"><xsl:value-of select="$variant-labels('between')"/></xsl:if>
                <xsl:call-template name="apparatus-reading"><xsl:with-param name="app" select="$app"/></xsl:call-template>
              </xsl:for-each>
              <xsl:call-template name="apparatus-notes">
                <xsl:with-param name="notes" select="ria:apparatus-notes($app, .) except $readings//tei:note"/>
              </xsl:call-template>
            </span>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="apparatus-reading"><xsl:with-param name="app" select="$app"/></xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
      <!-- What the edition says of a witness's reading here (witDetail: "in the margin"). -->
      <xsl:for-each select="tei:witDetail[normalize-space()]">
        <xsl:value-of select="$between"/>
        <span class="wit-detail"><span class="wit"><xsl:value-of select="string-join(ria:reading-sources(.), ' ')"/></span>
          <xsl:text>: </xsl:text><xsl:value-of select="normalize-space(string-join(.//text()[not(ancestor::tei:note)], ''))"/></span>
      </xsl:for-each>
      <xsl:call-template name="apparatus-notes">
        <xsl:with-param name="notes" select="ria:apparatus-notes(., .) except (tei:lem | tei:rdg | tei:rdgGrp)//tei:note"/>
      </xsl:call-template>
    </li>
  </xsl:template>

  <!-- One reading of an entry: its words (or that the witness omits it), whose it is, its notes. -->
  <xsl:template name="apparatus-reading">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:variable name="text"><xsl:apply-templates select="node()" mode="apparatus-text">
      <xsl:with-param name="with-looks" select="true()" tunnel="yes"/>
    </xsl:apply-templates></xsl:variable>
    <span class="rdg">
      <xsl:choose>
        <xsl:when test="not(normalize-space($text))"><xsl:value-of select="$variant-labels('omitted')"/></xsl:when>
        <xsl:when test="$text/*"><xsl:apply-templates select="$text/node()" mode="spaces-collapsed"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="normalize-space($text)"/></xsl:otherwise>
      </xsl:choose>
    </span>
    <xsl:call-template name="reading-kind"/>
    <xsl:variable name="sources" select="ria:reading-sources(.)"/>
    <xsl:if test="exists($sources)">
      <xsl:value-of select="$variant-labels('in')"/>
      <span class="wit"><xsl:value-of select="string-join($sources, ' ')"/></span>
    </xsl:if>
    <xsl:call-template name="apparatus-notes"><xsl:with-param name="notes" select="ria:apparatus-notes($app, .)"/></xsl:call-template>
  </xsl:template>

  <!-- A reading's highlighting is part of what a witness reads (one underlines a title, another
       does not): the entry's readings show it as the text would, their spaces run together as in a
       reading of words alone. -->
  <xsl:template match="tei:hi" mode="apparatus-text">
    <xsl:param name="with-looks" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$with-looks and normalize-space()">
        <xsl:variable name="classes" select="ria:rend-classes(.)"/>
        <xsl:element name="{ria:hi-element($classes)}">
          <xsl:attribute name="class" select="string-join($classes, ' ')"/>
          <xsl:apply-templates mode="apparatus-text"/>
        </xsl:element>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="apparatus-text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="*" mode="spaces-collapsed">
    <xsl:copy><xsl:copy-of select="@*"/><xsl:apply-templates mode="spaces-collapsed"/></xsl:copy>
  </xsl:template>
  <xsl:template match="text()" mode="spaces-collapsed">
    <xsl:variable name="all" select="root(.)//text()"/>
    <xsl:variable name="spaced" select="replace(., '\s+', ' ')"/>
    <xsl:variable name="begun" select="if (. is $all[1]) then replace($spaced, '^ ', '') else $spaced"/>
    <xsl:value-of select="if (. is $all[last()]) then replace($begun, ' $', '') else $begun"/>
  </xsl:template>

  <!-- A reading no witness has but a scholar proposed (type="conjecture", the LDLT's and
       EpiDoc's) is said to be one, as editions print it: "venditet conj. Heins.", not as if a
       witness read it. -->
  <xsl:template name="reading-kind">
    <xsl:if test="matches(normalize-space(@type), '^conj', 'i')">
      <xsl:text> </xsl:text><abbr class="conjecture" title="conjecture"><xsl:value-of select="$variant-labels('conjecture')"/></abbr>
    </xsl:if>
  </xsl:template>

  <!-- Whom a reading is from: its witnesses' sigla, else the edition or the scholar it is
       taken from (@source, @resp: a conjecture's author, PTA's "Sav"). -->
  <xsl:function name="ria:reading-sources" as="xs:string*">
    <xsl:param name="reading" as="element()"/>
    <!-- (and the witnesses a wit right after it names in words, the LDLT's "edd. ante Burm.") -->
    <xsl:sequence select="($reading/@wit ! (tokenize(normalize-space(.), ' ') ! ria:siglum($reading/.., .)),
        ($reading/@source, $reading/@resp) ! tokenize(normalize-space(.), ' ') ! replace(., '^#', ''),
        $reading[self::tei:lem or self::tei:rdg]/following-sibling::*[1][self::tei:wit] ! normalize-space(.))[.]"/>
  </xsl:function>

  <!-- Where a witness begins or ends, or breaks off and resumes (witStart, witEnd, lacunaStart,
       lacunaEnd, in parallel segmentation the reading of the witnesses concerned): said in the
       apparatus, which without it would call a lacuna an omission. In the text they mark nothing. -->
  <xsl:variable name="witness-marks" select="map{
      'witStart': 'the witness begins', 'witEnd': 'the witness ends',
      'lacunaStart': 'lacuna begins', 'lacunaEnd': 'lacuna ends'}"/>
  <xsl:template match="tei:witStart | tei:witEnd | tei:lacunaStart | tei:lacunaEnd" mode="apparatus-text">
    <xsl:param name="lemma" select="false()" tunnel="yes"/>
    <xsl:variable name="in" select="ria:reading-sources(.)"/>
    <xsl:if test="not($lemma)"><xsl:value-of select="concat(' [', $witness-marks(local-name()), if (exists($in)) then concat(' in ', string-join($in, ' ')) else '', '] ')"/></xsl:if>
  </xsl:template>

  <!-- An apparatus given as a list of its own (EpiDoc's apparatus division: a listApp of app,
       each with the lines it concerns in @loc) is read where it stands, entry by entry: the
       lines, the reading the edition prints, the others with their sources, the entry's note.
       Its readings are not marked in the text, so the page's apparatus does not list them again.
       A reading is rendered as the text renders its words (a lost letter supplied in brackets, an
       unclear one, a gap), as phrases of the entry's line (content-model.xsl). -->
  <xsl:template match="tei:listApp">
    <xsl:apply-templates select="tei:head"/>
    <ul class="list-app">
      <xsl:for-each select="tei:app">
        <li class="app-entry">
          <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
          <xsl:for-each select="@loc[normalize-space()]">
            <span class="app-loc"><xsl:value-of select="string-join(tokenize(normalize-space(.), ' '), ', ')"/>.</span>
            <xsl:text> </xsl:text>
          </xsl:for-each>
          <xsl:call-template name="listed-readings"><xsl:with-param name="readings" select="tei:lem | tei:rdg | tei:rdgGrp"/></xsl:call-template>
          <!-- What the edition says of a witness's reading here (witDetail), as the page's apparatus says it. -->
          <xsl:for-each select="tei:witDetail[normalize-space()]">
            <xsl:value-of select="$variant-labels('between')"/>
            <span class="wit-detail"><span class="wit"><xsl:value-of select="string-join(ria:reading-sources(.), ' ')"/></span>
              <xsl:text>: </xsl:text><xsl:apply-templates/></span>
          </xsl:for-each>
          <xsl:for-each select="tei:note">
            <xsl:text> </xsl:text>
            <span class="app-note"><xsl:apply-templates/></span>
          </xsl:for-each>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- The readings of a listed entry: the edition's, "]", then the others with their sources. Groups
       of readings (rdgGrp: a family of witnesses, the orthographic variants of one reading) are set
       apart as in the page's apparatus, a stroke between them, each group's kind before its
       readings, a group within a group so too. -->
  <xsl:template name="listed-readings">
    <xsl:param name="readings" as="element()*"/>
    <xsl:variable name="between" select="if ($readings/self::tei:rdgGrp) then $variant-labels('between-groups') else $variant-labels('between')"/>
    <xsl:for-each select="$readings">
      <xsl:variable name="position" select="position()"/>
      <xsl:if test="$position gt 1"><xsl:value-of select="if ($readings[$position - 1]/self::tei:lem) then '] ' else $between"/></xsl:if>
      <xsl:choose>
        <xsl:when test="self::tei:rdgGrp">
          <span class="rdg-grp">
            <xsl:for-each select="@type[normalize-space()]">
              <span class="rdg-grp-type"><xsl:value-of select="normalize-space(.)"/></span><xsl:text>: </xsl:text>
            </xsl:for-each>
            <xsl:call-template name="listed-readings"><xsl:with-param name="readings" select="tei:lem | tei:rdg | tei:rdgGrp"/></xsl:call-template>
            <xsl:for-each select="tei:note">
              <xsl:text> </xsl:text>
              <span class="app-note"><xsl:apply-templates/></span>
            </xsl:for-each>
          </span>
        </xsl:when>
        <xsl:otherwise><xsl:call-template name="listed-reading"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>
  <xsl:template name="listed-reading">
    <xsl:variable name="reading"><xsl:apply-templates select="node()"/></xsl:variable>
    <span class="{local-name()}">
      <xsl:choose>
        <xsl:when test="normalize-space($reading)">
          <!-- The layout's whitespace at the reading's ends is no part of it (not "vixit ]"). -->
          <xsl:for-each select="$reading/node()">
            <xsl:choose>
              <xsl:when test="self::text()">
                <xsl:variable name="start" select="if (position() = 1) then replace(., '^\s+', '') else string(.)"/>
                <xsl:value-of select="if (position() = last()) then replace($start, '\s+$', '') else $start"/>
              </xsl:when>
              <xsl:otherwise><xsl:copy-of select="."/></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$variant-labels('omitted')"/></xsl:otherwise>
      </xsl:choose>
    </span>
    <xsl:call-template name="reading-kind"/>
    <xsl:variable name="sources" select="ria:reading-sources(.)"/>
    <xsl:if test="exists($sources)">
      <xsl:value-of select="$variant-labels('in')"/>
      <span class="wit"><xsl:value-of select="string-join($sources, ' ')"/></span>
    </xsl:if>
  </xsl:template>

  <!-- Inside a reading of the list, a line's end is the stroke an apparatus prints, not a new line:
       the entry stays one line, with no line number in the margin beside it (epigraphy.xsl). -->
  <xsl:template match="tei:lb[ancestor::tei:lem or ancestor::tei:rdg][ancestor::tei:listApp]" priority="6">
    <xsl:value-of select="if (ria:in-word-break(.)) then '|' else ' | '"/>
  </xsl:template>
  <!-- A note on a reading is read where it stands, as the entry's own note is: the notes leave out
       what a list of readings holds (notes.xsl), so a marker would lead nowhere. -->
  <xsl:template match="tei:note[ancestor::tei:lem or ancestor::tei:rdg][ancestor::tei:listApp]" priority="6">
    <xsl:text> </xsl:text>
    <span class="app-note"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- A witness as the edition names it: its siglum (@n), else its id. -->
  <xsl:function name="ria:siglum" as="xs:string">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:variable name="witness" select="key('ids', substring-after($pointer, '#'), root($context))[self::tei:witness]"/>
    <xsl:sequence select="($witness/@n, $witness/tei:abbr, replace($pointer, '^#', ''))[normalize-space()][1] ! normalize-space(.)"/>
  </xsl:function>
</xsl:stylesheet>
