<?xml version="1.0" encoding="UTF-8"?>
<!--
  Drama (as DraCor and other projects encode plays): the cast list, speeches with their
  speakers, stage directions, the setting, and the characters the header lists.
  A speaker links to the character it names: a role of the cast list that carries the
  id (or points to it), or the header's character list shown in the about part.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:variable name="drama-labels" select="map{
      'characters': 'Characters',
      'speakers': 'Speakers: ',
      'role-description': ', ',
      'actor': ' — '}"/>

  <!-- ================================================================ who speaks -->
  <!-- Roles of the cast list by the characters they point to. -->
  <xsl:key name="roles-by-pointer" match="tei:castList//tei:role[@corresp or @ana] | tei:castList//tei:castItem[@corresp or @ana]"
      use="tokenize(normalize-space(string-join((@corresp, @ana), ' ')), ' ')"/>

  <!-- The cast-list role that stands for a character: it has the id, or points to it (@corresp, @ana);
       such a role is given an HTML id (its own, or a made one) by the rules below. -->
  <xsl:function name="ria:role-of" as="element()?">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="(key('ids', $id, root($context))[self::tei:role or self::tei:castItem or self::tei:castGroup][ancestor::tei:castList],
        key('roles-by-pointer', concat('#', $id), root($context))[ancestor::tei:text])[1]"/>
  </xsl:function>

  <!-- Where a speaker's "#id" leads on this page: the role in the cast list, else the character
       in the about part, else any element of the text with that id; nothing if none is on the page. -->
  <xsl:function name="ria:who-href" as="xs:string?">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:variable name="id" select="substring($pointer, 2)"/>
    <xsl:variable name="role" select="if (starts-with($pointer, '#') and $id) then ria:role-of($context, $id) else ()"/>
    <xsl:sequence select="if ($role) then concat('#', ria:id($role))
        else if (key('ids', $id, root($context))[ancestor::tei:text or ria:is-character(.)]) then $pointer
        else ()"/>
  </xsl:function>

  <!-- A character the header lists, which the about part shows with its id. -->
  <xsl:function name="ria:is-character" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element[self::tei:person or self::tei:personGrp][ancestor::tei:particDesc])"/>
  </xsl:function>

  <!-- The name a link to a character shows: the role's words, or the character's first name in the
       header, else its number or abbreviation (a transcript's participant may be named by its
       sigil alone, ISO 24624's person n="INT"), else its id: never nothing. -->
  <xsl:function name="ria:character-name" as="xs:string">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="role" select="ria:role-of($context, $id)"/>
    <xsl:variable name="character" select="key('ids', $id, root($context))[ria:is-character(.)]"/>
    <xsl:sequence select="normalize-space((
        $role/(tei:role, .)[1],
        $character/(tei:persName, tei:name)[not(@xml:lang) or @xml:lang = root($context)/tei:TEI/@xml:lang][1] ! ria:name-words(.),
        $character/(tei:persName, tei:name)[1] ! ria:name-words(.),
        $character/@n, $character/tei:abbr[1],
        $id)[normalize-space()][1])"/>
  </xsl:function>
  <!-- ================================================================ cast list -->
  <xsl:template match="tei:castList">
    <div class="castList">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates select="tei:head"/>
      <xsl:call-template name="cast-entries"><xsl:with-param name="entries" select="* except tei:head"/></xsl:call-template>
    </div>
  </xsl:template>

  <!-- An entry of no words (DraCor's <castItem corresp="#SPIRITS" sameAs="#SPIRITS.Iris"/>, a
       character the entry above names for the group) is no item of the list: no empty bullet. Its
       id, as the rules below would give it, stays a place a speaker's link may lead to, before the list. -->
  <xsl:function name="ria:is-wordless-cast-item" as="xs:boolean">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="exists($entry[self::tei:castItem][not(normalize-space())]
        [empty(.//*[not(self::tei:role or self::tei:roleDesc or self::tei:name or self::tei:persName or self::tei:lb)])])"/>
  </xsl:function>
  <xsl:template name="cast-entries">
    <xsl:param name="entries" as="element()*"/>
    <xsl:for-each select="$entries[ria:is-wordless-cast-item(.)]/descendant-or-self::*[@xml:id or @corresp or @ana]">
      <span id="{ria:id(.)}"></span>
    </xsl:for-each>
    <xsl:if test="$entries[not(ria:is-wordless-cast-item(.))]">
      <ul class="cast">
        <xsl:apply-templates select="$entries[not(ria:is-wordless-cast-item(.))]" mode="cast-entry"/>
      </ul>
    </xsl:if>
  </xsl:template>

  <!-- The heading of a cast list, a setting, a performance: a section of the front matter or of an act. -->
  <xsl:template match="tei:castList/tei:head | tei:set/tei:head | tei:performance/tei:head">
    <xsl:element name="h{min((count(ancestor::*[ria:is-division(.)][tei:head]) + 2, 6))}">
      <xsl:attribute name="class" select="concat(local-name(..), '-head')"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Each entry of a cast list is an item; what stands between entries (a page break, a note) gets one too. -->
  <xsl:template match="tei:castItem | tei:castGroup" mode="cast-entry">
    <xsl:apply-templates select="."/>
  </xsl:template>
  <xsl:template match="*" mode="cast-entry">
    <li class="cast-other"><xsl:apply-templates select="."/></li>
  </xsl:template>

  <xsl:template match="tei:castItem">
    <li>
      <xsl:attribute name="class" select="string-join(('castItem', @type), ' ')"/>
      <xsl:if test="@xml:id or @corresp or @ana"><xsl:attribute name="id" select="ria:id(.)"/></xsl:if>
      <xsl:apply-templates/>
    </li>
  </xsl:template>

  <!-- A group of roles (braced in print) and what it says of them, in the order the source gives. -->
  <xsl:template match="tei:castGroup">
    <li>
      <xsl:attribute name="class" select="string-join(('castGroup', @rend), ' ')"/>
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:for-each-group select="*" group-adjacent="exists(self::tei:castItem | self::tei:castGroup)">
        <xsl:choose>
          <xsl:when test="current-grouping-key()">
            <xsl:call-template name="cast-entries"><xsl:with-param name="entries" select="current-group()"/></xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <xsl:apply-templates select="current-group()"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each-group>
    </li>
  </xsl:template>
  <xsl:template match="tei:castGroup/tei:head">
    <span class="castGroup-head"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:role">
    <span class="role">
      <xsl:if test="@xml:id or @corresp or @ana"><xsl:attribute name="id" select="ria:id(.)"/></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>
  <!-- A description or an actor that follows a role with no words between gets a separator,
       so that the two do not run together. -->
  <xsl:template match="tei:roleDesc">
    <xsl:call-template name="cast-separator"><xsl:with-param name="label" select="$drama-labels('role-description')"/></xsl:call-template>
    <span class="roleDesc"><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="tei:actor">
    <xsl:call-template name="cast-separator"><xsl:with-param name="label" select="$drama-labels('actor')"/></xsl:call-template>
    <span class="actor"><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template name="cast-separator">
    <xsl:param name="label" as="xs:string"/>
    <xsl:variable name="before" select="preceding-sibling::node()[not(self::text()[not(normalize-space())])][1]"/>
    <xsl:if test="$before[self::tei:role or self::tei:roleDesc] and parent::tei:castItem">
      <span class="separator"><xsl:value-of select="$label"/></span>
    </xsl:if>
  </xsl:template>

  <!-- ================================================================ speeches -->
  <xsl:template match="tei:sp">
    <xsl:element name="{if (ria:in-phrasing(.)) then 'span' else 'div'}">
      <xsl:attribute name="class">sp</xsl:attribute>
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:if test="normalize-space(@who)">
        <xsl:attribute name="data-who" select="string-join(tokenize(normalize-space(@who), ' ') ! replace(., '^#', ''), ' ')"/>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- The speaker is set apart on a line of its own, and links to the character it names.
       Several characters (or a speaker that holds a link of its own) are linked after it. -->
  <xsl:template match="tei:speaker">
    <xsl:variable name="speaker" select="."/>
    <xsl:variable name="targets" as="map(xs:string, xs:string)*"
        select="tokenize(normalize-space(parent::tei:sp/@who), ' ') ! (let $href := ria:who-href($speaker, .)
            return if ($href) then map{'id': substring-after(., '#'), 'href': $href} else ())"/>
    <xsl:variable name="holds-link" select="exists(.//(tei:note | tei:ref | tei:ptr | *[@ref]))"/>
    <xsl:element name="{if (ria:in-phrasing(.)) then 'span' else 'p'}">
      <xsl:attribute name="class">speaker</xsl:attribute>
      <xsl:choose>
        <xsl:when test="count($targets) = 1 and not($holds-link)">
          <a class="who" href="{$targets?href}"><xsl:apply-templates/></a>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates/>
          <xsl:if test="exists($targets)">
            <xsl:text> </xsl:text>
            <span class="who-list">
              <span class="label" lang="en"><xsl:value-of select="$drama-labels('speakers')"/></span>
              <xsl:for-each select="$targets">
                <xsl:if test="position() gt 1"><xsl:text>, </xsl:text></xsl:if>
                <a class="who" href="{?href}"><xsl:value-of select="ria:character-name($speaker, ?id)"/></a>
              </xsl:for-each>
            </span>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:element>
  </xsl:template>

  <!-- Stage directions are set apart (italic): a block between speeches and between a speech's
       lines, a phrase inside a line or a paragraph. -->
  <xsl:template match="tei:stage">
    <xsl:element name="{if (ria:in-phrasing(.)) then 'span' else 'p'}">
      <xsl:attribute name="class" select="string-join(('stage', tokenize(normalize-space(@type), ' ')[matches(., '^[\w-]+$')]), ' ')"/>
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- The setting, a group of speeches, a record of a performance: blocks of the front matter or an act. -->
  <xsl:template match="tei:set | tei:spGrp | tei:performance">
    <div class="{local-name()}">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates/>
    </div>
  </xsl:template>
  <xsl:template match="tei:spGrp/tei:head">
    <p class="caption"><xsl:apply-templates/></p>
  </xsl:template>

  <!-- ================================================================ the header's characters -->
  <!-- Rows profile.xsl adds to the about part: the play's characters, each with its id,
       which is where a speaker with no role in the cast list links to. -->
  <xsl:template match="tei:particDesc[.//(tei:person | tei:personGrp)[@xml:id]]" mode="about-tail">
    <dt><xsl:value-of select="$drama-labels('characters')"/></dt>
    <dd>
      <ul class="characters">
        <!-- The names are in the text's language; the about part around them is the site's. -->
        <xsl:for-each select="(root()/tei:TEI/tei:text/@xml:lang, root()/tei:TEI/@xml:lang)[1]">
          <xsl:attribute name="lang" select="ria:lang(.)"/>
        </xsl:for-each>
        <xsl:for-each select=".//(tei:person | tei:personGrp)[@xml:id]">
          <li id="{@xml:id}"><xsl:value-of select="ria:character-name(., @xml:id)"/></li>
        </xsl:for-each>
      </ul>
    </dd>
  </xsl:template>
</xsl:stylesheet>
